# cfn_template.py - CloudFormation template loading and intrinsic functions
# for the liftoff AWS doubles.
#
# Design: templates are parsed with PyYAML (JSON is a YAML subset) through a
# SafeLoader subclass that knows the short-form tags (!Ref, !GetAtt, !Sub ...)
# and does not turn '2010-09-09' into a date.  Short forms are rewritten into
# their long JSON forms so the rest of the double only sees {"Ref": ..} and
# {"Fn::X": ..}.  Evaluation (Ref, GetAtt, Sub, Join, If, conditions ...) works
# on a Context object that the engine fills with parameters, pseudo parameters
# and the physical ids / attributes of resources that already exist.
# Standard library + PyYAML only.

import json
import re

import yaml


class TemplateError(Exception):
    """A template that CloudFormation would refuse ('Template format error')."""


class _Loader(yaml.SafeLoader):
    pass


# Drop the timestamp resolver: AWSTemplateFormatVersion must stay a string.
_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_SHORT = ["Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join",
          "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not",
          "Or", "Length", "ToJsonString"]


def _construct(loader, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


def _make(name):
    def ctor(loader, node):
        return {name: _construct(loader, node)}
    return ctor


def _getatt(loader, node):
    value = _construct(loader, node)
    if isinstance(value, str):
        value = value.split(".", 1)
    return {"Fn::GetAtt": value}


_Loader.add_constructor("!Ref", _make("Ref"))
_Loader.add_constructor("!Condition", _make("Condition"))
_Loader.add_constructor("!GetAtt", _getatt)
for _n in _SHORT:
    _Loader.add_constructor("!" + _n, _make("Fn::" + _n))


def load(body):
    """Parse a YAML or JSON template body into a dict, or raise TemplateError."""
    if not body or not body.strip():
        raise TemplateError("Template format error: unsupported structure.")
    try:
        doc = yaml.load(body, Loader=_Loader)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise TemplateError("Template format error: YAML not well-formed. (%s)" % first)
    if not isinstance(doc, dict):
        raise TemplateError("Template format error: unsupported structure.")
    if not isinstance(doc.get("Resources"), dict) or not doc["Resources"]:
        raise TemplateError("Template format error: At least one Resources member must be defined.")
    for lid, res in doc["Resources"].items():
        if not isinstance(res, dict) or "Type" not in res:
            raise TemplateError(
                "Template format error: [/Resources/%s] Every Resources object must contain a Type member." % lid)
    _check_references(doc)
    return doc


def _check_references(doc):
    known = set(doc["Resources"]) | set(doc.get("Parameters") or {})
    for block in ("Resources", "Outputs"):
        bad = set()
        for lid, item in (doc.get(block) or {}).items():
            if not isinstance(item, dict):
                continue
            refs = references(item.get("Properties" if block == "Resources" else "Value"))
            if block == "Resources":
                d = item.get("DependsOn")
                refs |= {d} if isinstance(d, str) else set(d or [])
            else:
                refs |= references(item.get("Export"))
            bad |= {r for r in refs if r not in known and not str(r).startswith("AWS::")}
        if bad:
            raise TemplateError("Template format error: Unresolved resource dependencies [%s] in the %s block of the template"
                                % (", ".join(sorted(bad)), block))


# ---------------------------------------------------------------- references

def references(node):
    """Names referenced by Ref / GetAtt / Sub anywhere in node."""
    out = set()
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "Ref" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::GetAtt":
                if isinstance(v, list) and v:
                    out.add(str(v[0]))
                elif isinstance(v, str):
                    out.add(v.split(".", 1)[0])
            elif k == "Fn::Sub":
                s = v[0] if isinstance(v, list) else v
                local = set(v[1]) if isinstance(v, list) and len(v) > 1 and isinstance(v[1], dict) else set()
                if isinstance(s, str):
                    for m in re.finditer(r"\$\{([^!}][^}]*)\}", s):
                        name = m.group(1).split(".", 1)[0]
                        if m.group(1) not in local and name not in local:
                            out.add(name)
                if isinstance(v, list) and len(v) > 1:
                    out |= references(v[1])
                continue
            out |= references(v)
    elif isinstance(node, list):
        for v in node:
            out |= references(v)
    return out


def dependencies(template, logical_id, present):
    """Logical ids (within `present`) that logical_id must wait for."""
    res = template["Resources"][logical_id]
    deps = set()
    d = res.get("DependsOn")
    if isinstance(d, str):
        deps.add(d)
    elif isinstance(d, list):
        deps |= set(map(str, d))
    deps |= references(res.get("Properties", {}))
    return {x for x in deps if x in present and x != logical_id}


# --------------------------------------------------------------- evaluation

NOVALUE = object()


class Context:
    """What intrinsic functions can see while a template is evaluated."""

    def __init__(self, params, pseudo, conditions=None, resolve_ref=None,
                 resolve_att=None, mappings=None, imports=None):
        self.params = params            # name -> value (str, or list for List<>)
        self.pseudo = pseudo            # AWS::Region ...
        self.conditions = conditions or {}
        self.resolve_ref = resolve_ref  # fn(logical_id) -> str
        self.resolve_att = resolve_att  # fn(logical_id, attr) -> value
        self.mappings = mappings or {}
        self.imports = imports or {}


def eval_condition_set(template, ctx):
    """Evaluate the Conditions section (conditions may use each other)."""
    conds = template.get("Conditions") or {}
    done = {}

    def get(name, stack=()):
        if name in done:
            return done[name]
        if name not in conds:
            raise TemplateError("Template format error: Unresolved condition dependencies [%s]" % name)
        if name in stack:
            raise TemplateError("Template format error: Circular condition dependency %s" % name)
        ctx.conditions = dict(done)
        ctx._cond_lookup = lambda n: get(n, stack + (name,))
        done[name] = bool(evaluate(conds[name], ctx))
        return done[name]

    for n in conds:
        get(n)
    ctx.conditions = done
    return done


def _cond(ctx, name):
    if name in ctx.conditions:
        return ctx.conditions[name]
    lookup = getattr(ctx, "_cond_lookup", None)
    if lookup:
        return lookup(name)
    raise TemplateError("Template format error: Unresolved condition %s" % name)


def _strv(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ",".join(_strv(x) for x in v)
    return str(v)


def _ref(name, ctx):
    if name in ctx.pseudo:
        return ctx.pseudo[name]
    if name == "AWS::NoValue":
        return NOVALUE
    if name in ctx.params:
        return ctx.params[name]
    if ctx.resolve_ref:
        return ctx.resolve_ref(name)
    raise TemplateError("Template format error: Unresolved resource dependencies [%s] in the Resources block of the template" % name)


def evaluate(node, ctx):
    if isinstance(node, list):
        out = [evaluate(x, ctx) for x in node]
        return [x for x in out if x is not NOVALUE]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (k, v), = node.items()
        if k == "Ref":
            return _ref(v, ctx)
        if k == "Condition" and isinstance(v, str):
            return _cond(ctx, v)
        if k == "Fn::GetAtt":
            parts = v if isinstance(v, list) else str(v).split(".", 1)
            lid, att = evaluate(parts[0], ctx), evaluate(parts[1], ctx)
            return ctx.resolve_att(lid, att) if ctx.resolve_att else "%s.%s" % (lid, att)
        if k == "Fn::Sub":
            if isinstance(v, list):
                s, extra = v[0], {kk: evaluate(vv, ctx) for kk, vv in (v[1] if len(v) > 1 else {}).items()}
            else:
                s, extra = v, {}

            def rep(m):
                expr = m.group(1)
                if expr.startswith("!"):
                    return "${" + expr[1:] + "}"
                if expr in extra:
                    return _strv(extra[expr])
                if "." in expr and expr.split(".", 1)[0] not in ctx.params and expr not in ctx.pseudo:
                    lid, att = expr.split(".", 1)
                    return _strv(ctx.resolve_att(lid, att) if ctx.resolve_att else expr)
                return _strv(_ref(expr, ctx))
            return re.sub(r"\$\{([^}]*)\}", rep, s)
        if k == "Fn::Join":
            sep, items = v[0], evaluate(v[1], ctx)
            if not isinstance(items, list):
                items = [items]
            return sep.join(_strv(x) for x in items)
        if k == "Fn::Select":
            idx, items = int(evaluate(v[0], ctx)), evaluate(v[1], ctx)
            if isinstance(items, str):
                items = items.split(",")
            return items[idx]
        if k == "Fn::Split":
            return _strv(evaluate(v[1], ctx)).split(v[0])
        if k == "Fn::If":
            return evaluate(v[1] if _cond(ctx, v[0]) else v[2], ctx)
        if k == "Fn::Equals":
            a, b = evaluate(v[0], ctx), evaluate(v[1], ctx)
            return _strv(a) == _strv(b)
        if k == "Fn::Not":
            return not evaluate(v[0], ctx)
        if k == "Fn::And":
            return all(evaluate(x, ctx) for x in v)
        if k == "Fn::Or":
            return any(evaluate(x, ctx) for x in v)
        if k == "Fn::Base64":
            import base64
            return base64.b64encode(_strv(evaluate(v, ctx)).encode()).decode()
        if k == "Fn::GetAZs":
            region = ctx.pseudo.get("AWS::Region", "us-east-1")
            return [region + z for z in "abc"]
        if k == "Fn::FindInMap":
            m, a, b = (evaluate(x, ctx) for x in v[:3])
            try:
                return ctx.mappings[m][a][b]
            except (KeyError, TypeError):
                raise TemplateError("Template error: Unable to get mapping for %s::%s::%s" % (m, a, b))
        if k == "Fn::ImportValue":
            name = evaluate(v, ctx)
            if name not in ctx.imports:
                raise TemplateError("No export named %s found." % name)
            return ctx.imports[name]
        if k == "Fn::Cidr":
            block, count = evaluate(v[0], ctx), int(evaluate(v[1], ctx))
            base = str(block).split("/")[0].split(".")
            return ["%s.%s.%d.0/24" % (base[0], base[1], i) for i in range(count)]
        if k == "Fn::Length":
            return len(evaluate(v, ctx))
        if k == "Fn::ToJsonString":
            return json.dumps(evaluate(v, ctx), separators=(",", ":"))
    out = {}
    for k, v in node.items():
        r = evaluate(v, ctx)
        if r is not NOVALUE:
            out[k] = r
    return out


def parameter_values(template, given):
    """Merge given parameters with defaults; raise TemplateError as CFN words it."""
    decl = template.get("Parameters") or {}
    unknown = [k for k in given if k not in decl]
    if unknown:
        raise TemplateError("Parameters: [%s] do not exist in the template" % ", ".join(unknown))
    missing = [k for k, d in decl.items() if k not in given and "Default" not in (d or {})]
    if missing:
        raise TemplateError("Parameters: [%s] must have values" % ", ".join(missing))
    values = {}
    for k, d in decl.items():
        d = d or {}
        v = given.get(k, d.get("Default"))
        v = _strv(v)
        allowed = d.get("AllowedValues")
        if allowed is not None and v not in [_strv(a) for a in allowed]:
            raise TemplateError("Parameter '%s' must be one of AllowedValues" % k)
        if str(d.get("Type", "String")).startswith("List<") or d.get("Type") == "CommaDelimitedList":
            values[k] = [x.strip() for x in v.split(",")] if v else []
        else:
            values[k] = v
    return values
