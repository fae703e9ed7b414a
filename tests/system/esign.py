"""Signs portal applications as the demo applicant, whose key `ruqsat serve --demo` keeps in
<seal keys>/esign-demo/, with Python's cryptography (OpenSSL): a CMS writer independent of Ruqsat's.

What is signed is the application object in canonical JSON (RFC 8785): for the ASCII keys, strings
and integers of an application that is Python's sorted, compact JSON without ASCII escaping."""
import base64
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


class Signer:
    def __init__(self, seal_keys):
        home = os.path.join(seal_keys, "esign-demo")
        with open(os.path.join(home, "applicant.pem"), "rb") as file:
            self.certificate = x509.load_pem_x509_certificate(file.read())
        with open(os.path.join(home, "applicant.key"), "rb") as file:
            self.key = serialization.load_pem_private_key(file.read(), None)

    def sign(self, body):
        """The request `body` with "signature": a detached CMS of its application, base64."""
        der = (pkcs7.PKCS7SignatureBuilder()
               .set_data(canonical(body["application"]))
               .add_signer(self.certificate, self.key, hashes.SHA256())
               .sign(serialization.Encoding.DER,
                     [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary]))
        return {**body, "signature": base64.b64encode(der).decode()}
