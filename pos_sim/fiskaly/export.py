"""The TSS export: a TAR of every signed log message, plus the TSS's public key to check them with.

Each log message is one member named after the BSI TR-03151 pattern
(``Unixt_<time>_Sig-<counter>_Log-Tra_No-<number>_<Start|Update|Finish>_Client-<serial>.log``),
holding JSON with the signed fields, the signing data and the signature. ``info.json`` names the
TSS's serial number, public key, signature algorithm and time format.
"""

from __future__ import annotations

import io
import json
import tarfile
from typing import Any

from pos_sim.fiskaly.tse import SIGNATURE_ALGORITHM, TIMESTAMP_FORMAT, LogMessage, SimulatedTse

_STEP_NAMES = {"START_TRANSACTION": "Start", "UPDATE_TRANSACTION": "Update", "FINISH_TRANSACTION": "Finish"}


def log_file_name(message: LogMessage) -> str:
    step = _STEP_NAMES[message.operation]
    return (
        f"Unixt_{message.timestamp}_Sig-{message.counter}_Log-Tra_No-{message.number}_{step}"
        f"_Client-{message.client_serial_number}.log"
    )


def _member(archive: tarfile.TarFile, name: str, content: dict[str, Any], mtime: int) -> None:
    data = json.dumps(content, indent=1).encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = mtime
    archive.addfile(info, io.BytesIO(data))


def export_tar(tse: SimulatedTse) -> bytes:
    """The TAR of everything ``tse`` has signed so far."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = {
            "tss_serial_number": tse.serial_number,
            "public_key": tse.public_key,
            "signature_algorithm": SIGNATURE_ALGORITHM,
            "timestamp_format": TIMESTAMP_FORMAT,
        }
        _member(archive, "info.json", info, tse.now())
        for message in tse.log:
            content = {
                "operation": message.operation,
                "client_serial_number": message.client_serial_number,
                "number": message.number,
                "signature_counter": message.counter,
                "timestamp": message.timestamp,
                "process_type": message.process_type,
                "process_data": message.process_data,
                "signing_data": message.signing_data.decode("utf-8"),
                "signature": message.signature,
            }
            _member(archive, log_file_name(message), content, message.timestamp)
    return buffer.getvalue()
