#!/usr/bin/env bash
# Makes the short test clips in tests/clips (run by hand; the outputs are committed, a few KB
# each). ffmpeg from Debian (`apt-get install ffmpeg`) draws its own test pattern: nothing
# third-party is in them. The tests read each file's container and hold the size, frame rate and
# frame count named in its file name.
set -euo pipefail
out="$(dirname "$0")/../tests/clips"
mkdir -p "$out"
gen() { ffmpeg -hide_banner -loglevel error -y -f lavfi -i "testsrc2=size=$1:rate=$2:duration=$3" "${@:5}" "$out/$4"; }
# H.264 in MP4 (what a phone or a screen recorder writes), 2 s at 25 fps.
gen 320x240 25 2 h264-320x240-25fps-50f.mp4 -c:v libx264 -preset veryslow -crf 40 -pix_fmt yuv420p -movflags +faststart
# The same stream in QuickTime, 30000/1001 fps (NTSC), 1 s.
gen 176x144 30000/1001 1 h264-176x144-29.97fps-30f.mov -c:v libx264 -preset veryslow -crf 40 -pix_fmt yuv420p
# VP9 in WebM, 1.5 s at 24 fps (the browser's own codec: the page decodes this one in e2e).
gen 256x144 24 1.5 vp9-256x144-24fps-36f.webm -c:v libvpx-vp9 -b:v 40k -deadline good
# VP8 in Matroska, 1 s at 60 fps.
gen 160x90 60 1 vp8-160x90-60fps-60f.mkv -c:v libvpx -b:v 40k
ls -l "$out"
