#!/usr/bin/env python3
"""Validate the last signature of a PDF with pyHanko, trusting one certificate.

usage: pyhanko-verify.py FILE.pdf CERT.der

Prints one line: "intact=<bool> valid=<bool> trusted=<bool> coverage=<name>
modifications=<name>" and exits 0 when the signature is intact, valid,
trusted and covers the whole file; 1 otherwise. The certificate is checked
at the signing time the signature claims, so an old test certificate does
not fail for having expired since.
"""
import sys

from asn1crypto import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext


def main(pdf_path: str, cert_path: str) -> int:
    with open(cert_path, "rb") as f:
        root = x509.Certificate.load(f.read())
    with open(pdf_path, "rb") as f:
        reader = PdfFileReader(f, strict=False)
        sigs = reader.embedded_signatures
        if not sigs:
            print("no signature")
            return 1
        sig = sigs[-1]
        moment = sig.self_reported_timestamp
        vc = ValidationContext(trust_roots=[root], allow_fetching=False, moment=moment)
        status = validate_pdf_signature(
            sig, vc, key_usage_settings=KeyUsageConstraints()
        )
        coverage = status.coverage.name if status.coverage else "NONE"
        modifications = (
            status.modification_level.name if status.modification_level else "NONE"
        )
        print(
            f"intact={status.intact} valid={status.valid} trusted={status.trusted} "
            f"coverage={coverage} modifications={modifications}"
        )
        ok = (
            status.intact
            and status.valid
            and status.trusted
            and coverage == "ENTIRE_FILE"
        )
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
