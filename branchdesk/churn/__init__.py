"""Churn early warning (流失预警): rules over activity history, alert triage, reports.

- :mod:`.frame` reads what a scan needs from the store into flat arrays;
- :mod:`.evaluate` runs the seven rules over them (pure, no store);
- :mod:`.severity` scores an alert 0–100 by rule and assets at risk (formula there);
- :mod:`.scan` turns findings into alerts: one open alert per client and rule, raised
  again after resolution only on new evidence, and nothing changed on unchanged data;
- :mod:`.triage` moves an alert along open → acknowledged → in progress → resolved;
- :mod:`.reports` counts the funnel, ranks churn reasons and the net client flow;
- :mod:`.words` renders an alert's evidence in Chinese or English (no store: the UI
  may import it).

Nothing is imported here, so that importing :mod:`.words` stays light."""
