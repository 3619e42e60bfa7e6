"""Side-by-side benchmarks: specblocks vs Gradio 6.31 vs a bare FastAPI server.

Run ``nox -s bench`` (or ``python -m bench --help``). Servers run as subprocesses, each in its
own interpreter; the load generator speaks the queue protocol directly with httpx.
"""
