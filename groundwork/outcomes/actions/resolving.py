"""Finding the area an observation is about: by the GSS code the file gives, else by its name
through the folded names of `AreaName` (trying each half of a bilingual "Cardiff / Caerdydd"),
and a total row as the country (or the UK) whose areas the file covers. A name that matches no
area, or several that nothing tells apart, is reported, never guessed."""

from collections import defaultdict
from collections.abc import Iterable

from groundwork.outcomes.models import Area, AreaName, Succession
from groundwork.outcomes.parsing.names import fold
from groundwork.outcomes.parsing.records import ParsedObservation

# Which levels of area a figure of each geography can be about.
LEVELS_FOR_GEOGRAPHY = {
    "district": {Area.Level.UNITARY, Area.Level.DISTRICT},
    "upper_tier": {Area.Level.UNITARY, Area.Level.UPPER_TIER},
    "ward": {Area.Level.WARD},
}
UK = "K02000001"
COUNTRY_OF_NATION = {
    Area.Nation.ENGLAND: "E92000001",
    Area.Nation.WALES: "W92000004",
    Area.Nation.SCOTLAND: "S92000003",
    Area.Nation.NORTHERN_IRELAND: "N92000002",
}


def name_variants(name: str) -> list[str]:
    """The name folded, then each half of a bilingual "English / Cymraeg" name."""
    variants = [fold(name)]
    if "/" in name:
        variants += [fold(part) for part in name.split("/") if part.strip()]
    return [variant for variant in dict.fromkeys(variants) if variant]


class Resolver:
    """Resolves the areas of one file's observations with a fixed number of queries."""

    def __init__(self, observations: Iterable[ParsedObservation]) -> None:
        observations = list(observations)
        codes = {o.area_code for o in observations if o.area_code}
        names: set[str] = set()
        for observation in observations:
            if not observation.area_code and observation.area_name:
                names.update(name_variants(observation.area_name))
                names.update(name_variants(getattr(observation, "area_name_cy", "") or ""))
        codes |= {UK, *COUNTRY_OF_NATION.values()}
        self.by_code = {
            area.gss_code: area
            for area in Area.objects.filter(gss_code__in=codes).only(
                "id", "gss_code", "name", "name_cy", "level", "nation", "end_date"
            )
        }
        self.by_name: dict[str, list[Area]] = defaultdict(list)
        rows = AreaName.objects.filter(folded__in=names).select_related("area")
        for row in rows:
            self.by_name[row.folded].append(row.area)
        candidates = {area.pk for areas in self.by_name.values() for area in areas}
        self.succeeded = set(
            Succession.objects.filter(predecessor_id__in=candidates).values_list(
                "predecessor_id", flat=True
            )
        )

    def area(self, observation: ParsedObservation, geography: str) -> Area | str:
        """The observation's area, or why none could be chosen (the total rows aside)."""
        if observation.area_code:
            found = self.by_code.get(observation.area_code)
            return found or f"no area has the GSS code {observation.area_code}"
        variants = name_variants(observation.area_name)
        variants += name_variants(getattr(observation, "area_name_cy", "") or "")
        areas: dict[int, Area] = {}
        for variant in variants:
            areas |= {area.pk: area for area in self.by_name.get(variant, [])}
        if not areas:
            return f"no area is named “{observation.area_name}”"
        chosen = self._choose(list(areas.values()), geography)
        if isinstance(chosen, Area):
            return chosen
        listed = ", ".join(f"{area.name} ({area.gss_code})" for area in chosen)
        return f"“{observation.area_name}” names more than one area: {listed}"

    def total(self, nations: set[str]) -> Area | str:
        """The area a total row stands for: the one country the file's areas lie in, or the UK."""
        if not nations:
            return "a total, but no other row of the file names an area"
        code = COUNTRY_OF_NATION[next(iter(nations))] if len(nations) == 1 else UK  # type: ignore[index]
        return self.by_code.get(code) or f"no area has the GSS code {code} (run import_areas)"

    def _choose(self, areas: list[Area], geography: str) -> Area | list[Area]:
        """One area: of the level the indicator is about, current before ended."""
        levels = LEVELS_FOR_GEOGRAPHY.get(geography, set())
        pool = [area for area in areas if area.level in levels] or areas
        if len(pool) == 1:
            return pool[0]
        current = [area for area in pool if self._current(area)]
        if len(current) == 1:
            return current[0]
        return sorted(current or pool, key=lambda area: area.gss_code)

    def _current(self, area: Area) -> bool:
        return area.end_date is None and area.pk not in self.succeeded
