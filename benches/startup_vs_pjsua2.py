"""Start-up time side by side: libCreate + libInit + transportCreate(UDP) + libStart, timed
inside the process, for pjsua2rs (Python binding) and PJSUA2 (the PyPI wheel), each in a
fresh process (PJSUA2's Endpoint is a singleton), repeated; prints the medians and the
ratio. Usage: python3 benches/startup_vs_pjsua2.py [runs]
"""
import os
import statistics
import subprocess
import sys

PROGRAM = r"""
import sys, time
pj = __import__(sys.argv[1])
t0 = time.perf_counter()
ep = pj.Endpoint()
ep.libCreate()
cfg = pj.EpConfig()
cfg.logConfig.level = 0
cfg.logConfig.consoleLevel = 0
cfg.medConfig.sndAutoCloseTime = -1
ep.libInit(cfg)
if sys.argv[1] == "pjsua2":
    ep.audDevManager().setNullDev()
t = pj.TransportConfig()
t.boundAddress = "127.0.0.1"
ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, t)
ep.libStart()
t1 = time.perf_counter()
ep.libDestroy()
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.3f} {(t2 - t1) * 1000:.3f}")
"""


def measure(module, runs):
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(here, "..", "bindings", "python") + os.pathsep + env.get("PYTHONPATH", "")
    starts, stops = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", PROGRAM, module], capture_output=True,
                             text=True, env=env, check=True).stdout.split()
        starts.append(float(out[-2]))
        stops.append(float(out[-1]))
    return statistics.median(starts), statistics.median(stops)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    ours = measure("pjsua2rs", runs)
    print(f"pjsua2rs: start {ours[0]:.2f} ms, destroy {ours[1]:.2f} ms (median of {runs})")
    try:
        theirs = measure("pjsua2", runs)
    except subprocess.CalledProcessError as e:
        print(f"PJSUA2 wheel not usable here: {e}")
        return
    print(f"PJSUA2:   start {theirs[0]:.2f} ms, destroy {theirs[1]:.2f} ms (median of {runs})")
    print(f"ratio PJSUA2/pjsua2rs: start {theirs[0] / ours[0]:.1f}x, destroy {theirs[1] / ours[1]:.1f}x")


if __name__ == "__main__":
    main()
