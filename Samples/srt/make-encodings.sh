#!/bin/sh
# Regenerates the encoded samples from the UTF-8 ones (run in this folder).
set -eu
iconv -f UTF-8 -t WINDOWS-1252 french.srt > french-windows-1252.srt
(printf '\377\376'; iconv -f UTF-8 -t UTF-16LE french.srt) > french-utf16le.srt
(printf '\376\377'; iconv -f UTF-8 -t UTF-16BE french.srt) > french-utf16be.srt
(printf '\377\376\000\000'; iconv -f UTF-8 -t UTF-32LE french.srt) > french-utf32le.srt
iconv -f UTF-8 -t UTF-16LE french.srt > french-utf16le-no-bom.srt
iconv -f UTF-8 -t GB2312 chinese.srt > chinese-gb2312.srt
iconv -f UTF-8 -t BIG5 chinese-traditional.srt > chinese-big5.srt
iconv -f UTF-8 -t WINDOWS-1250 polish.srt > polish-windows-1250.srt
