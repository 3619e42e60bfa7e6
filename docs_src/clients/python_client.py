"""Call a running app from Python with the official `gradio_client`."""

import sys

from gradio_client import Client


def main(url: str) -> None:
    """Call the example app (`docs_src/clients/app.py`) served at `url`."""
    client = Client(url, verbose=False)

    # What the app offers: endpoints, their parameters and returns.
    print(client.view_api(print_info=False, return_format="str"))

    # Positional or keyword arguments; parameters with a default may be left out.
    print(client.predict("World", api_name="/greet"))  # Hello World!
    print(client.predict(name="API", punctuation="?", api_name="/greet"))  # Hello API?

    # submit() returns a Job at once: iterate it for streamed values, or wait for the result.
    job = client.submit("queue", api_name="/spell")
    for partial in job:
        print(partial)  # q, qu, que, …
    print(job.result(), job.status().code)  # queue Status.FINISHED

    client.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:7860/")
