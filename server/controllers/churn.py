"""Every route of the churn early warning, for ``CONTROLLERS``."""

from .activity import record_activity
from .alerts import AlertController
from .churn_reports import churn_funnel, churn_reasons, client_flow

CHURN_HANDLERS = [record_activity, AlertController, churn_funnel, churn_reasons, client_flow]
