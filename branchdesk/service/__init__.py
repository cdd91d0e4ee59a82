"""The service desk (客户服务体系): tasks and their workflow, suitability, the working-day
calendar, cadence scheduling, system-sent care (thank-yous, greetings), regulatory
callbacks, dormant-activation campaigns and the service reports.

Each module holds one idea; import them directly (``from branchdesk.service.cadence
import plan_cadence``). This package imports nothing eagerly, so ``branchdesk.tasks`` can
use its helpers without an import cycle."""
