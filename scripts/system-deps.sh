#!/usr/bin/env bash
# Install the system packages the browser tests need, only when they are missing:
# Debian's chromium (Playwright cannot download its own browser here) and a CJK font.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk|noto serif cjk" || missing+=(fonts-wqy-microhei)
command -v fc-list >/dev/null || missing+=(fontconfig)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
