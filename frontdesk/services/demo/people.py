"""Plausible residents for the demo estate: Chinese names by surname frequency, units, phones.

Deterministic for a given ``random.Random``: the same seed gives the same estate.
"""

import random
from collections.abc import Iterator

from frontdesk.domain.vocabulary.kinds import ResidentRole, Temperament
from frontdesk.services.residents.search import ResidentDraft

# The most common surnames, most frequent first, plus some the pinyin table must read right.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤单仇解区查翟"
)
COMPOUND = ("欧阳", "司马", "诸葛", "上官", "东方", "慕容")
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌波宇浩凯健俊帆"
    "鑫婷雪琳晨欣怡佳悦子涵梓轩若曦思远嘉怡雨萱博文一鸣志强海燕春梅晓东丹阳"
)
OCCUPATIONS = (
    "教师",
    "医生",
    "工程师",
    "退休",
    "个体经营",
    "会计",
    "律师",
    "公务员",
    "程序员",
    "销售",
    "护士",
    "厨师",
    "设计师",
    "学生",
    "司机",
    "",
)
INTERESTS = ("太极", "钓鱼", "广场舞", "书法", "园艺", "摄影", "跑步", "下棋", "烘焙", "旅游", "")
MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "158",
    "159",
    "166",
    "176",
    "177",
    "180",
    "181",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)
TEMPERAMENTS = (
    (Temperament.FRIENDLY, 50),
    (Temperament.ANALYTICAL, 18),
    (Temperament.DOMINEERING, 14),
    (Temperament.SELF_CENTRED, 12),
    (None, 6),
)
BUILDINGS, ENTRANCES, FLOORS, ROOMS = 24, 3, 32, 4


def chinese_name(rng: random.Random) -> str:
    # Frequency falls with rank: the first surnames are by far the most common.
    if rng.random() < 0.02:
        surname = rng.choice(COMPOUND)
    else:
        surname = SURNAMES[min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)]
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
    return surname + given


def mobile(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def unit_label(rng: random.Random) -> str:
    building = rng.randint(1, BUILDINGS)
    entrance = rng.randint(1, ENTRANCES)
    room = rng.randint(1, FLOORS) * 100 + rng.randint(1, ROOMS)
    return f"{building}-{entrance}-{room}"


def residents(rng: random.Random, count: int) -> Iterator[ResidentDraft]:
    """``count`` residents in households: an owner, then family or tenants in the same unit."""
    phones: set[str] = set()
    units: set[str] = set()
    made = 0
    while made < count:
        label = unit_label(rng)
        if label in units:
            continue
        units.add(label)
        household = min(rng.choice((1, 1, 2, 2, 2, 3, 4)), count - made)
        let_out = rng.random() < 0.15
        for member in range(household):
            role = (
                ResidentRole.OWNER
                if member == 0
                else ResidentRole.TENANT
                if let_out
                else ResidentRole.FAMILY
            )
            numbers = [mobile(rng, phones)]
            if rng.random() < 0.08:
                numbers.append(f"021-{rng.randint(5000, 6999)}{rng.randrange(10**4):04d}")
            temperament = rng.choices([t for t, _ in TEMPERAMENTS], [w for _, w in TEMPERAMENTS])[0]
            yield ResidentDraft(
                name=chinese_name(rng),
                title=rng.choice(("先生", "女士")),
                phones=numbers,
                units=[(label, role)],
                temperament=temperament,
                occupation=rng.choice(OCCUPATIONS),
                interests=rng.choice(INTERESTS),
                preferred_call_times=rng.choice(("", "上午", "下午", "晚上七点后", "午休别打")),
                evening_calls_ok=rng.random() < 0.2,
            )
            made += 1
