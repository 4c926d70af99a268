package com.lexrule.console;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.openapi.ContractFilter;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.FamilyEvaluator;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyFile;
import com.lexrule.policy.PolicyRegistry;
import com.lexrule.policy.PolicyVersion;
import com.lexrule.policy.lifecycle.DraftService;
import com.lexrule.policy.lifecycle.DraftStatus;
import com.lexrule.policy.lifecycle.DraftStore;
import com.lexrule.policy.table.DecisionTable;
import com.lexrule.policy.table.TableTemplate;
import com.lexrule.problem.ProblemException;

import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * 试算: a form built from an endpoint's request record (its fields' Chinese descriptions; catalog fields as drop-downs
 * and check boxes of the deciding policy's codes with their Chinese labels), evaluated by the assessment pipeline's
 * own trial evaluation, without recording anything, under a draft or any version, beside the version in force.
 */
@Path("/console/simulate")
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class SimulatorPage {

    private final Pages pages;
    private final PolicyRegistry registry;
    private final FamilyEvaluator.Endpoints evaluators;
    private final List<FamilyDefinition<?, ?>> definitions;
    private final DraftService drafts;
    private final DraftStore draftStore;
    private final ObjectMapper json;
    private final Map<String, CompiledPolicy> compiledDrafts = Collections.synchronizedMap(new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledPolicy> eldest) {
            return size() > 2;
        }
    });

    public SimulatorPage(Pages pages, PolicyRegistry registry, FamilyEvaluator.Endpoints evaluators,
                         @Any Instance<FamilyDefinition<?, ?>> definitions, DraftService drafts, DraftStore draftStore, ObjectMapper json) {
        this.pages = pages;
        this.registry = registry;
        this.evaluators = evaluators;
        this.definitions = definitions.stream().toList();
        this.drafts = drafts;
        this.draftStore = draftStore;
        this.json = json;
    }

    @TemplateData
    public record Option(String value, String label, boolean selected) {
    }

    @TemplateData
    public record Field(String name, String label, String kind, String value, List<Option> options, boolean required) {
    }

    @TemplateData
    public record Shown(String ruleId, String reason, String legalBasis, Integer points, String cellHref, String cell) {
    }

    @TemplateData
    public record Answer(String title, String outcome, String summary, List<Shown> findings, List<String> errors, String raw) {
    }

    @GET
    public TemplateInstance form(@QueryParam("endpoint") String endpoint) {
        FamilyDefinition<?, ?> definition = definition(endpoint);
        return render(definition, Map.of(), "current", null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance run(MultivaluedMap<String, String> form) {
        pages.verify(form.getFirst(ConsoleCsrf.FIELD));
        FamilyDefinition<?, ?> definition = definition(form.getFirst("endpoint"));
        String target = form.getFirst("target") == null ? "current" : form.getFirst("target");
        ObjectNode request = request(definition, form);
        CompiledPolicy inForce = registry.current(definition.family());
        Answer current = evaluate("现行版本 v" + inForce.version().version(), definition, inForce, request);
        Answer chosen = null;
        if (!target.equals("current")) {
            try {
                CompiledPolicy policy = target(definition.family(), target);
                chosen = evaluate(target.startsWith("draft:") ? "草稿 #" + target.substring(6) : "版本 v" + policy.version().version(),
                        definition, policy, request);
            } catch (ProblemException e) {
                chosen = new Answer(target, "", "", List.of(), List.of(e.getMessage()), "");
            }
        }
        return render(definition, form, target, current, chosen);
    }

    private TemplateInstance render(FamilyDefinition<?, ?> definition, Map<String, ?> form, String target, Answer current, Answer chosen) {
        CompiledPolicy inForce = registry.current(definition.family());
        List<Option> targets = new ArrayList<>();
        targets.add(new Option("current", "现行版本 v" + inForce.version().version(), target.equals("current")));
        for (PolicyVersion v : registry.versions(definition.family())) {
            if (!v.effectiveFrom().isAfter(registry.today()) && v.version() != inForce.version().version()) {
                targets.add(new Option("v:" + v.version(), "版本 v" + v.version(), target.equals("v:" + v.version())));
            }
        }
        if (pages.user().drafts()) {
            for (DraftService.DraftView d : drafts.list(definition.family())) {
                if (d.status() == DraftStatus.VALID) {
                    targets.add(new Option("draft:" + d.id(), "草稿 #" + d.id() + "（" + d.createdBy() + "）", target.equals("draft:" + d.id())));
                }
            }
        }
        List<Option> endpoints = definitions.stream().map(d -> new Option(d.path(), d.family() + " · " + d.path(),
                d.path().equals(definition.path()))).toList();
        return pages.page("simulate.html", "simulate", "试算").data("endpoint", definition.path()).data("endpoints", endpoints)
                .data("fields", fields(definition, inForce.catalog(), form)).data("targets", targets)
                .data("current", current).data("chosen", chosen);
    }

    private CompiledPolicy target(String family, String target) {
        if (target.startsWith("v:")) return registry.resolve(family, Integer.parseInt(target.substring(2)));
        if (target.startsWith("draft:") && pages.user().drafts()) {
            long id = Long.parseLong(target.substring(6));
            DraftStore.Draft draft = draftStore.find(family, id)
                    .orElseThrow(() -> new ProblemException(404, "not-found", "草稿不存在", "没有草稿 #" + id));
            if (draft.status() != DraftStatus.VALID) {
                throw new ProblemException(422, "draft-invalid", "草稿无法试算", "草稿 #" + id + " 不是可编译的待审批草稿");
            }
            return compiledDrafts.computeIfAbsent(draft.sha256(), k -> registry.compileTrial(draft.bundle(), draft.createdBy()));
        }
        throw new ProblemException(400, "invalid-request", "试算对象无效", "未知的试算对象 " + target);
    }

    private Answer evaluate(String title, FamilyDefinition<?, ?> definition, CompiledPolicy policy, ObjectNode request) {
        FamilyEvaluator evaluator = evaluators.all().stream().filter(e -> e.path().equals(definition.path())).findFirst().orElseThrow();
        try {
            FamilyEvaluator.Evaluation result = evaluator.evaluate(policy, request);
            JsonNode answer = result.answer();
            List<Shown> findings = new ArrayList<>();
            Map<String, String[]> cells = ruleCells(policy);
            // the grid is the legal officers' (TablePages' roles): others see the cell named, without a link they may not follow
            boolean mayEdit = pages.user().officer();
            for (JsonNode f : answer.path("findings")) {
                String ruleId = f.path("ruleId").asText();
                String[] at = cells.get(ruleId);
                findings.add(new Shown(ruleId, f.path("reason").asText(""), f.path("legalBasis").asText(""),
                        f.hasNonNull("points") ? f.path("points").asInt() : null,
                        at == null || !mayEdit ? null : "/console/tables/" + policy.family() + "/" + at[0] + "#cell-" + at[1],
                        at == null ? null : at[0] + "!" + at[1]));
            }
            List<String> missing = new ArrayList<>();
            answer.path("missingFacts").forEach(m -> missing.add(m.isTextual() ? m.asText() : m.toString()));
            return new Answer(title, result.outcome(), result.grade() == null ? "" : result.grade(), findings,
                    missing.isEmpty() ? List.of() : List.of("缺少的事实：" + String.join("、", missing)),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (ConstraintViolationException e) {
            return new Answer(title, "", "", List.of(), e.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + "：" + v.getMessage()).toList(), "");
        } catch (ProblemException e) {
            return new Answer(title, "", "", List.of(), List.of(e.getMessage()), "");
        } catch (RuntimeException e) {
            return new Answer(title, "", "", List.of(), List.of("无法试算：" + e.getMessage()), "");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rule id → [table file, cell of its row's rule id]: where a finding of a table row is edited. */
    private static Map<String, String[]> ruleCells(CompiledPolicy policy) {
        Map<String, String[]> cells = new LinkedHashMap<>();
        String catalog = policy.bundle().manifest().catalog();
        for (PolicyFile file : policy.bundle().files()) {
            if (!file.isSpreadsheet() || file.simpleName().equals(catalog)) continue;
            DecisionTable table = file.spreadsheet().decisionTable().table();
            if (table == null) continue;
            for (int t = 0; t < table.parts().size(); t++) {
                TableTemplate.Header header = table.template().tables().get(t);
                Integer idColumn = header.columns().values().stream()
                        .filter(c -> c.template() != null && c.template().startsWith("ruleId(")).map(c -> c.column()).findFirst().orElse(null);
                if (idColumn == null) continue;
                for (DecisionTable.DataRow row : table.parts().get(t).rows()) {
                    var id = row.cells().get(idColumn);
                    if (id != null) cells.put(id.canonical(), new String[] {file.simpleName(),
                            new org.apache.poi.ss.util.CellReference(row.row(), idColumn).formatAsString()});
                }
            }
        }
        return cells;
    }

    private FamilyDefinition<?, ?> definition(String endpoint) {
        if (endpoint == null || endpoint.isBlank()) return definitions.stream().filter(d -> d.family().equals("arrest")).findFirst()
                .orElse(definitions.get(0));
        return definitions.stream().filter(d -> d.path().equals(endpoint)).findFirst()
                .orElseThrow(() -> new ProblemException(404, "not-found", "没有此评估端点", "没有评估端点 " + endpoint));
    }

    /** The form's fields from the request record's components, in order, as the API's schema describes them. */
    private static List<Field> fields(FamilyDefinition<?, ?> definition, PolicyCatalog catalog, Map<String, ?> form) {
        List<Field> fields = new ArrayList<>();
        for (RecordComponent component : definition.requestType().getRecordComponents()) {
            String name = component.getName();
            Schema schema = schema(component);
            String label = schema == null || schema.description().isBlank() ? name : schema.description();
            boolean required = component.getAccessor().isAnnotationPresent(jakarta.validation.constraints.NotNull.class)
                    || component.getAccessor().isAnnotationPresent(jakarta.validation.constraints.NotBlank.class)
                    || fieldAnnotated(definition.requestType(), name);
            List<String> values = values(form, name);
            String value = values.isEmpty() ? (schema == null ? "" : schema.example()) : values.get(0);
            String sheet = catalogSheet(schema);
            Class<?> type = component.getType();
            if (sheet != null) {
                List<Option> options = new ArrayList<>();
                boolean many = List.class.isAssignableFrom(type);
                for (PolicyCatalog.Entry e : catalog.entries(sheet).values()) {
                    options.add(new Option(e.code(), e.label() + "（" + e.code() + "）", many ? values.contains(e.code()) : e.code().equals(value)));
                }
                fields.add(new Field(name, label, many ? "checks" : "select", value, options, required));
            } else if (type.isEnum()) {
                List<Option> options = new ArrayList<>();
                for (Object constant : type.getEnumConstants()) {
                    String code = jsonName((Enum<?>) constant);
                    // the law's enumerations carry the statute's words, shown as the catalogs' codes are
                    String shown = constant instanceof com.lexrule.boundary.LawTerm term ? term.label() + "（" + code + "）" : code;
                    options.add(new Option(code, shown, code.equals(value)));
                }
                fields.add(new Field(name, label, "select", value, options, required));
            } else if (type == Boolean.class || type == boolean.class) {
                fields.add(new Field(name, label, "select", value, List.of(new Option("true", "是", "true".equals(value)),
                        new Option("false", "否", "false".equals(value))), required));
            } else if (type == Integer.class || type == int.class || type == BigDecimal.class) {
                fields.add(new Field(name, label, "number", value, List.of(), required));
            } else if (type == String.class) {
                fields.add(new Field(name, label, "text", value, List.of(), required));
            }
        }
        return fields;
    }

    private static ObjectNode request(FamilyDefinition<?, ?> definition, MultivaluedMap<String, String> form) {
        ObjectNode request = new ObjectMapper().createObjectNode();
        for (RecordComponent component : definition.requestType().getRecordComponents()) {
            String name = component.getName();
            Class<?> type = component.getType();
            List<String> values = form.getOrDefault(name, List.of()).stream().filter(v -> v != null && !v.isBlank()).toList();
            if (List.class.isAssignableFrom(type)) {
                ArrayNode array = request.putArray(name);
                values.forEach(array::add);
                continue;
            }
            if (values.isEmpty()) continue;
            String v = values.get(0).strip();
            if (type == Boolean.class || type == boolean.class) request.put(name, Boolean.parseBoolean(v));
            else if (type == Integer.class || type == int.class || type == BigDecimal.class) {
                try {
                    BigDecimal number = new BigDecimal(v);
                    if (type == BigDecimal.class) request.put(name, number);
                    else request.put(name, number.intValueExact());
                } catch (NumberFormatException | ArithmeticException e) {
                    request.put(name, v); // refused by the request's own validation, naming the field
                }
            } else request.put(name, v);
        }
        return request;
    }

    private static boolean fieldAnnotated(Class<?> type, String name) {
        try {
            var field = type.getDeclaredField(name);
            return field.isAnnotationPresent(jakarta.validation.constraints.NotNull.class)
                    || field.isAnnotationPresent(jakarta.validation.constraints.NotBlank.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Schema schema(RecordComponent component) {
        Schema schema = component.getAnnotation(Schema.class);
        if (schema != null) return schema;
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(Schema.class);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static String catalogSheet(Schema schema) {
        if (schema == null) return null;
        for (Extension extension : schema.extensions()) {
            if (extension.name().equals(ContractFilter.CATALOG)) {
                String value = extension.value();
                return value.substring(value.indexOf(':') + 1);
            }
        }
        return null;
    }

    private static String jsonName(Enum<?> constant) {
        try {
            var property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property != null && !property.value().isEmpty() ? property.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> values(Map<String, ?> form, String name) {
        Object v = form.get(name);
        if (v instanceof List<?> list) return (List<String>) list;
        return v == null ? List.of() : List.of(String.valueOf(v));
    }
}
