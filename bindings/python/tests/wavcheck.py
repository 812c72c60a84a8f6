"""WAV helpers of the media tests: write a sine file, read a recording back, and measure
its audio part (frequency from zero crossings, RMS level, the power at a frequency)."""
import array
import math
import wave


def write_sine(path, rate, freq, secs, amp):
    """A mono 16-bit WAV file of a `freq` Hz sine, `secs` long."""
    n = int(rate * secs)
    samples = array.array("h", (int(amp * math.sin(2 * math.pi * freq * i / rate))
                                for i in range(n)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def read(path):
    """(rate, samples) of a mono 16-bit PCM WAV file."""
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), "mono 16-bit expected"
        rate = w.getframerate()
        samples = array.array("h", w.readframes(w.getnframes()))
    return rate, samples


def loud(rate, samples, floor=1000):
    """The audio part: from the first to the last 20 ms block whose peak passes
    `floor`, without the blocks at its edges (the ramps)."""
    block = rate // 50
    blocks = [max(map(abs, samples[i:i + block]), default=0)
              for i in range(0, len(samples) - block + 1, block)]
    loud_blocks = [i for i, peak in enumerate(blocks) if peak > floor]
    if len(loud_blocks) < 3:
        return samples[:0]
    return samples[(loud_blocks[0] + 1) * block:loud_blocks[-1] * block]


def frequency(rate, samples):
    """The frequency in Hz of a stretch of audio, from its rising zero crossings."""
    rising = [i for i in range(1, len(samples)) if samples[i - 1] < 0 <= samples[i]]
    if len(rising) < 2:
        return 0.0
    return (len(rising) - 1) * rate / (rising[-1] - rising[0])


def rms(samples):
    """The RMS level of a stretch of audio (a full-scale sine: 23170)."""
    return math.sqrt(sum(s * s for s in samples) / len(samples)) if samples else 0.0


def power(rate, samples, freq):
    """The relative power at `freq` (Goertzel), normalised by the stretch's energy."""
    k = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + k * s1 - s2, s1
    energy = sum(x * x for x in samples) or 1
    return (s1 * s1 + s2 * s2 - k * s1 * s2) / (energy * len(samples))
