#!/usr/bin/env bash
# Regenerates message.wav, the bundled demo recording: espeak-ng speech,
# a little room reverb, pink noise at -45 dBFS and a 100 Hz hum at -55 dBFS,
# 16 kHz mono 16-bit. Needs espeak-ng and sox.
set -euo pipefail
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
espeak-ng -v en-gb -s 155 -w "$t/speech.wav" "Hello sweetie, it's Grandma. Give Teddy a big hug from me, and sleep well. Good night!"
sox "$t/speech.wav" -r 16000 -b 16 "$t/s16.wav" rate -v reverb 25 50 30 gain -n -8 pad 0.5 0.7
d=$(soxi -D "$t/s16.wav")
sox -n -r 16000 -b 16 "$t/noise.wav" synth "$d" pinknoise gain -45
sox -n -r 16000 -b 16 "$t/hum.wav" synth "$d" sine 100 gain -55
sox -m -v 1 "$t/s16.wav" -v 1 "$t/noise.wav" -v 1 "$t/hum.wav" -b 16 "$(dirname "$0")/message.wav"
