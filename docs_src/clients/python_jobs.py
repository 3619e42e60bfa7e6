"""Jobs in depth: status while running, every streamed output, cancelling, errors."""

import sys
import time

from gradio_client import Client
from gradio_client.exceptions import AppError


def main(url: str) -> None:
    """Drive the example app (`docs_src/clients/app.py`) served at `url`."""
    client = Client(url, verbose=False)

    job = client.submit("streaming", api_name="/spell")
    print(job.status().code)  # e.g. Status.STARTING, then PROCESSING …
    print(job.result(timeout=30))  # blocks until done: "streaming"
    print(job.outputs())  # every value the generator yielded, in order
    print(job.done(), job.status().success)  # True True

    # An error raised by the app's function becomes an AppError with its message.
    try:
        client.predict(1, 0, api_name="/divide")
    except AppError as error:
        print(error)  # Cannot divide by zero.

    # cancel() stops a job that is waiting or running.
    long_job = client.submit("x" * 200, api_name="/spell")
    time.sleep(0.2)
    print(long_job.cancel(), long_job.status().code)  # True Status.CANCELLED

    client.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:7860/")
