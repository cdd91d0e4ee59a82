"""Child process for the crash test: write forever, print each id once it is committed.

Every 150 writes it compacts, so some kills land in the middle of a snapshot."""

from __future__ import annotations

import sys

from branchdesk.schema import open_store


def main(folder: str, prefix: str) -> None:
    store = open_store(folder, create=True, purpose="crash writer")
    tasks = store.table("tasks")
    clients = store.table("clients")
    n = 0
    while True:
        n += 1
        key = f"{prefix}-{n}"
        if n % 3 == 0:  # a multi-document transaction: both or neither
            with store.transaction():
                tasks.insert({"id": key, "account_id": key, "status": "planned", "pad": "x" * 300})
                clients.put({"account_id": key, "name": "客户", "advisor_id": "A1"})
        else:
            tasks.insert({"id": key, "account_id": key, "status": "planned"})
        sys.stdout.write(key + "\n")
        sys.stdout.flush()
        if n % 150 == 0:
            store.compact()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
