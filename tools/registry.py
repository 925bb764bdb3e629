"""The tool registry: typed specs per domain, argument validation and authorisation at one call site."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tools import allowances, appointments, care, halls, hospitals, schools, service_items, work_orders
from tools.access import require_citizen
from tools.context import Clock, ToolContext, beijing_now
from tools.errors import ToolError, from_validation_error
from tools.identity import Caller

log = logging.getLogger(__name__)

Domain = Literal["government", "healthcare", "education", "eldercare"]
DOMAINS: frozenset[str] = frozenset({"government", "healthcare", "education", "eldercare"})
ToolFunc = Callable[[ToolContext, Any, Caller], BaseModel]


@dataclass(frozen=True)
class ToolSpec:
    """One tool: its name, description (the function's docstring), argument model and function."""

    name: str
    description: str
    args_model: type[BaseModel]
    func: ToolFunc
    writes: bool
    domains: frozenset[str]
    action: str = "办理该事项"

    @classmethod
    def of(
        cls,
        func: ToolFunc,
        args_model: type[BaseModel],
        *,
        writes: bool,
        domains: set[str],
        action: str = "办理该事项",
    ) -> ToolSpec:
        """A spec named after `func`, described by its docstring."""
        unknown = set(domains) - DOMAINS
        if unknown:
            raise ValueError(f"unknown domains: {sorted(unknown)}")
        return cls(
            name=func.__name__,
            description=inspect.cleandoc(func.__doc__ or ""),
            args_model=args_model,
            func=func,
            writes=writes,
            domains=frozenset(domains),
            action=action,
        )

    def openai_schema(self) -> dict[str, Any]:
        """The OpenAI function-calling schema of this tool."""
        parameters = self.args_model.model_json_schema()
        parameters.pop("title", None)
        parameters.pop("description", None)
        return {
            "type": "function",
            "function": {"name": self.name, "description": self.description, "parameters": parameters},
        }


ALL_DOMAINS = set(DOMAINS)
SPECS: tuple[ToolSpec, ...] = (
    ToolSpec.of(
        service_items.find_service_item, service_items.FindServiceItemArgs, writes=False, domains=ALL_DOMAINS
    ),
    ToolSpec.of(halls.find_hall, halls.FindHallArgs, writes=False, domains=ALL_DOMAINS),
    ToolSpec.of(
        hospitals.list_hospital_departments,
        hospitals.ListHospitalDepartmentsArgs,
        writes=False,
        domains={"healthcare"},
    ),
    ToolSpec.of(
        hospitals.find_appointment_slots,
        hospitals.FindAppointmentSlotsArgs,
        writes=False,
        domains={"healthcare"},
    ),
    ToolSpec.of(
        appointments.book_appointment,
        appointments.BookAppointmentArgs,
        writes=True,
        domains={"healthcare"},
        action="预约挂号",
    ),
    ToolSpec.of(
        appointments.cancel_appointment,
        appointments.CancelAppointmentArgs,
        writes=True,
        domains={"healthcare"},
        action="取消预约",
    ),
    ToolSpec.of(
        appointments.list_my_appointments,
        appointments.ListMyAppointmentsArgs,
        writes=False,
        domains={"healthcare"},
    ),
    ToolSpec.of(
        schools.check_school_catchment, schools.CheckSchoolCatchmentArgs, writes=False, domains={"education"}
    ),
    ToolSpec.of(care.find_care_facilities, care.FindCareFacilitiesArgs, writes=False, domains={"eldercare"}),
    ToolSpec.of(
        allowances.estimate_elderly_allowance,
        allowances.EstimateElderlyAllowanceArgs,
        writes=False,
        domains={"eldercare", "government"},
    ),
    ToolSpec.of(
        work_orders.create_work_order,
        work_orders.CreateWorkOrderArgs,
        writes=True,
        domains=ALL_DOMAINS,
        action="提交工单",
    ),
    ToolSpec.of(
        work_orders.get_work_order_status,
        work_orders.GetWorkOrderStatusArgs,
        writes=False,
        domains=ALL_DOMAINS,
    ),
    ToolSpec.of(
        work_orders.list_work_orders, work_orders.ListWorkOrdersArgs, writes=False, domains=ALL_DOMAINS
    ),
)


class ToolRegistry:
    """The tools one deployment offers; `call` is the only way agents, staff and the API run them."""

    def __init__(self, specs: tuple[ToolSpec, ...], context: ToolContext, *, read_only: bool) -> None:
        self._specs = {spec.name: spec for spec in specs}
        self.context = context
        self.read_only = read_only

    def __iter__(self) -> Iterator[ToolSpec]:
        return iter(self._specs.values())

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def names(self) -> list[str]:
        """Registered tool names, in registration order."""
        return list(self._specs)

    def for_domain(self, domain: str) -> list[ToolSpec]:
        """The tools a domain agent may use."""
        if domain not in DOMAINS:
            raise ValueError(f"unknown domain {domain!r}; expected one of {sorted(DOMAINS)}")
        return [spec for spec in self._specs.values() if domain in spec.domains]

    def get(self, name: str) -> ToolSpec:
        """The spec of a registered tool, or ToolError(not_found)."""
        spec = self._specs.get(name)
        if spec is None:
            if not self.read_only or all(s.name != name for s in SPECS):
                raise ToolError("not_found", f"没有名为“{name[:64]}”的工具")
            raise ToolError("not_found", f"当前为只读服务，不提供“{name}”，请到大厅窗口或在鄂汇办办理")
        return spec

    def openai_schemas(self, domain: str) -> list[dict[str, Any]]:
        """OpenAI function-calling schemas of a domain's tools."""
        return [spec.openai_schema() for spec in self.for_domain(domain)]

    def call(self, name: str, args: Mapping[str, Any] | None, caller: Caller) -> BaseModel:
        """Validate `args`, enforce who may call, run the tool; every failure is a ToolError."""
        spec = self.get(name)
        if not isinstance(caller, Caller):
            raise TypeError("caller must be a tools.identity.Caller")
        if spec.writes:
            # Checked before the arguments, so an anonymous caller learns nothing about them.
            require_citizen(caller, spec.action)
        if args is None:
            args = {}
        if not isinstance(args, Mapping):
            raise ToolError("invalid_input", "参数格式不正确：应为键值对象（JSON object）")
        try:
            parsed = spec.args_model.model_validate(dict(args))
        except ValidationError as exc:
            raise from_validation_error(exc, spec.args_model) from None
        try:
            return spec.func(self.context, parsed, caller)
        except SQLAlchemyError:
            log.exception("tool %s failed on the database", name)
            raise ToolError("unavailable", "数据服务暂时不可用，请稍后再试，或拨打12345咨询") from None


def build_registry(
    session_factory: sessionmaker[Session], *, read_only: bool, clock: Clock | None = None
) -> ToolRegistry:
    """The registry for one deployment; a read-only one registers no tool that writes."""
    specs = tuple(spec for spec in SPECS if not (read_only and spec.writes))
    return ToolRegistry(specs, ToolContext(session_factory, clock or beijing_now), read_only=read_only)
