"""Back-office files (DOMAIN.md, "Back-office files"): reading the branch's exports —
GBK or UTF-8 CSV, tab-separated text named .csv, XLSX; Chinese or English headers;
money with separators or in 万元 — into the book, all or nothing and idempotently, and
writing the book back out as CSV or XLSX, masked for the reader's role.

    decode / xlsx   bytes → rows          headers   header row → columns and units
    values          cell → typed value    kinds     the columns of each kind of file
    rows            rows → fields         plan, planners   fields → documents to store
    apply           one transaction       staging   start / rows / commit (CLI and server)
    rejects         the bad rows' file    exports   records → CSV / XLSX
"""
