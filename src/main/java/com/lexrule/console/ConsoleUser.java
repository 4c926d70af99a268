package com.lexrule.console;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;

/** Who is signed in to the console, and what the roles they hold let them do (the same roles as the API's). */
@TemplateData
public record ConsoleUser(String name, Set<String> roles) {

    public static final String OFFICER = "legal-officer";
    public static final String APPROVER = "policy-approver";
    public static final String AUDITOR = "auditor";
    public static final String ADMIN = "admin";

    /** A role with its Chinese name and what it allows, for 我的角色. */
    @TemplateData
    public record Role(String code, String label, String may) {
    }

    private static final List<Role> KNOWN = List.of(
            new Role("case-system", "办案系统", "提交评估请求、登记异议"),
            new Role(OFFICER, "法务人员", "起草政策修改（在线编辑决策表或上传），运行情景测试与回测，登记承办人决定与异议处理结果，发起专项评查"),
            new Role(APPROVER, "政策审批人", "审批或驳回他人起草的政策草稿（不得审批本人草稿），重新发布旧版本"),
            new Role(AUDITOR, "审计人员", "查阅、检索、导出决定记录，核验审计链，发起专项评查"),
            new Role(ADMIN, "管理员", "重新加载基线政策，修改 DRL 规则，重新发布；管理结果推送的订阅与死信"));

    static ConsoleUser of(SecurityIdentity identity) {
        return new ConsoleUser(identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }

    public List<Role> roleList() {
        return KNOWN.stream().filter(r -> roles.contains(r.code())).toList();
    }

    public boolean officer() {
        return roles.contains(OFFICER) || roles.contains(ADMIN);
    }

    public boolean approver() {
        return roles.contains(APPROVER);
    }

    public boolean auditor() {
        return roles.contains(AUDITOR);
    }

    /** May open decisions: auditors read them, legal officers record on them (roles of DecisionPages). */
    public boolean decisions() {
        return roles.contains(AUDITOR) || roles.contains(OFFICER);
    }

    /** May read the agreement statistics: the roles the API gives them. */
    public boolean agreement() {
        return roles.contains(AUDITOR) || roles.contains(OFFICER) || roles.contains(APPROVER) || roles.contains(ADMIN);
    }

    /** May run special reviews: the roles the API gives them. */
    public boolean reviews() {
        return roles.contains(AUDITOR) || roles.contains(OFFICER);
    }

    /** May manage the events' subscriptions and dead letters: the role the API gives them. */
    public boolean admin() {
        return roles.contains(ADMIN);
    }

    /** May read drafts: the roles the API gives the draft endpoints. */
    public boolean drafts() {
        return officer() || approver();
    }
}
