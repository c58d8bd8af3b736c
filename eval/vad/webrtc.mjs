// webrtc.mjs runs the WebRTC VAD (libfvad compiled to WebAssembly, npm
// package @echogarden/fvad-wasm) over raw 16-bit little-endian mono files
// and writes one decision byte (0 or 1) per 10 ms frame for each of the four
// modes. Driven by main.go; usage:
//
//	node webrtc.mjs JOBS.json
//
// where JOBS.json is [{"in": "x.raw", "rate": 16000, "out": "x.webrtc"}, …];
// the output file holds mode 0's decisions, then mode 1's, 2's and 3's. It
// prints the total audio seconds processed and the wall time per mode.
import fs from 'node:fs';
import fvad from '@echogarden/fvad-wasm';

const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const m = await fvad();
let audioSec = 0, wall = 0;
for (const job of jobs) {
  const buf = fs.readFileSync(job.in);
  const pcm = new Int16Array(buf.buffer, buf.byteOffset, buf.length >> 1);
  const n = job.rate / 100; // 10 ms frames
  const frames = Math.floor(pcm.length / n);
  const out = new Uint8Array(frames * 4);
  const ptr = m._malloc(n * 2);
  for (let mode = 0; mode < 4; mode++) {
    const h = m._fvad_new();
    if (m._fvad_set_mode(h, mode) !== 0 || m._fvad_set_sample_rate(h, job.rate) !== 0) {
      throw new Error('fvad: bad mode or rate');
    }
    const t0 = process.hrtime.bigint();
    for (let f = 0; f < frames; f++) {
      m.HEAP16.set(pcm.subarray(f * n, f * n + n), ptr >> 1);
      const r = m._fvad_process(h, ptr, n);
      if (r < 0) throw new Error('fvad_process failed');
      out[mode * frames + f] = r;
    }
    wall += Number(process.hrtime.bigint() - t0) / 1e9;
    audioSec += frames / 100;
    m._fvad_free(h);
  }
  m._free(ptr);
  fs.writeFileSync(job.out, out);
}
console.log(JSON.stringify({audio_s: audioSec, wall_s: wall}));
