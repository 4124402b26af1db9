"""Messages about the database itself (busy, copy), for the command line and the pages."""

STRINGS = {
    "database.busy": {
        "zh": "数据库正忙（另一个上传、撤销或升级正在进行），本次没有写入任何内容。请稍后重试。",
        "en": "The database is busy with another upload, undo or upgrade; nothing was written. "
        "Try again in a moment.",
    },
}
