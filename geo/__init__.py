"""Administrative boundaries (WGS84 GeoJSON) and the script that builds them: geo/build.py."""
