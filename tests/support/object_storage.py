"""An S3-compatible server over real HTTP for the tests: moto's standalone server
(moto[server]), in a thread on a free port of 127.0.0.1. django-storages talks to it as to
any S3 endpoint (DJANGO_S3_ENDPOINT_URL in production)."""

import socket
import uuid

import boto3

REGION = "us-east-1"
KEYS = {"access_key": "testing", "secret_key": "testing"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class S3Server:
    def __init__(self):
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.endpoint_url = f"http://127.0.0.1:{self.port}"

    def start(self):
        self.server.start()
        return self

    def stop(self):
        self.server.stop()

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=KEYS["access_key"],
            aws_secret_access_key=KEYS["secret_key"],
        )

    def new_bucket(self):
        name = f"rtcportal-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def storages_setting(self, bucket):
        """STORAGES["default"] as rtcportal/settings.py builds it from DJANGO_S3_* variables."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": self.endpoint_url,
                "region_name": REGION,
                **KEYS,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": True,
            },
        }

    def keys(self, bucket):
        listing = self.client().list_objects_v2(Bucket=bucket)
        return [item["Key"] for item in listing.get("Contents", [])]
