"""How to talk with each kind of resident (客户类型, DOMAIN.md §5): the handbook's strategy,
shown on the resident card while the receptionist is on the phone."""

from frontdesk.domain.vocabulary.kinds import Temperament
from frontdesk.i18n import _

STRATEGY: dict[Temperament, tuple[str, str]] = {
    Temperament.FRIENDLY: (
        "友善型",
        _("easy-going, loyal: give the best service; don't relax because they are kind"),
    ),
    Temperament.DOMINEERING: (
        "独断型",
        _(
            "confident, wants acknowledgement, complains most: handle with care, meet "
            "their requests where possible, make them feel respected"
        ),
    ),
    Temperament.ANALYTICAL: (
        "分析型",
        _(
            "logical, sensitive to unfairness, may use legal means: be sincere, explain "
            "the reasoning, seek understanding"
        ),
    ),
    Temperament.SELF_CENTRED: (
        "自我型",
        _(
            "own interest first, suspicious: stay calm, be courteous, apologise sincerely "
            "for your own faults"
        ),
    ),
}


def strategy(temperament: str | None) -> str:
    """The line the card shows: the Chinese type and the strategy, or nothing if unknown."""
    if not temperament:
        return ""
    name, advice = STRATEGY[Temperament(temperament)]
    return f"{name} — {advice}"
