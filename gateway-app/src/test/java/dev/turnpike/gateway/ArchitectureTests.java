package dev.turnpike.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules that keep the gateway's shape: no package cycles; routing knows no feature;
 * features import each other only where this class names it; the plain-Java packages (the
 * config loader behind {@code validate}, the resource tree, policies, templates) import
 * no Spring. Each rule is also run once against fixture classes that break it, so a rule
 * that could never fail would fail here.
 */
class ArchitectureTests {

	private static final String BASE = "dev.turnpike.gateway";

	/**
	 * Feature packages: each holds one capability and is wired into routes by its own
	 * contributor.
	 */
	private static final List<String> FEATURES = List.of("authorizer", "cache", "cors", "integration", "lambda",
			"limits", "parametermapping", "policy", "resilience", "usageplan", "validation");

	/**
	 * The feature-to-feature imports there are, and why. Everything else a feature may
	 * import is shared: config, config.model, context, error, observability, resource,
	 * responses, routing, template and the root package.
	 */
	private static final Map<String, List<String>> ALLOWED = Map.of(
			// Lambda authorizers invoke functions and evaluate the policies they return.
			"authorizer", List.of("lambda", "policy"),
			// Lambda integrations invoke functions; every backend call is guarded per
			// backend.
			"integration", List.of("lambda", "resilience"));

	private static final JavaClasses GATEWAY = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(BASE);

	private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("dev.turnpike.archfixture");

	static ArchRule noPackageCycles(String base) {
		return slices().matching(base + ".(**)").should().beFreeOfCycles();
	}

	static ArchRule routingKnowsNoFeature(String base) {
		return noClasses().that()
			.resideInAPackage(base + ".routing..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(FEATURES.stream().map(feature -> base + "." + feature + "..").toArray(String[]::new))
			.because("a feature joins the routes through its own RouteFilterContributor, not through routing");
	}

	static ArchRule featuresImportOnlySharedPackages(String base) {
		List<ArchRule> rules = new ArrayList<>();
		for (String feature : FEATURES) {
			List<String> allowed = ALLOWED.getOrDefault(feature, List.of());
			String[] others = FEATURES.stream()
				.filter(other -> !other.equals(feature) && !allowed.contains(other))
				.map(other -> base + "." + other + "..")
				.toArray(String[]::new);
			rules.add(noClasses().that()
				.resideInAPackage(base + "." + feature + "..")
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(others)
				.because("features meet only through shared packages (ArchitectureTests.ALLOWED names the exceptions)")
				.allowEmptyShould(true));
		}
		return CompositeArchRule.of(rules);
	}

	static ArchRule plainJavaPackagesImportNoSpring(String base) {
		return noClasses().that()
			.resideInAnyPackage(base + ".config", base + ".config.model", base + ".resource", base + ".policy",
					base + ".template")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.because("validate runs without Spring, and domain rules are plain Java with plain unit tests");
	}

	@Test
	void gatewayPackagesHaveNoCycles() {
		noPackageCycles(BASE).check(GATEWAY);
	}

	@Test
	void routingImportsNoFeature() {
		routingKnowsNoFeature(BASE).check(GATEWAY);
	}

	@Test
	void featuresImportEachOtherOnlyWhereNamed() {
		featuresImportOnlySharedPackages(BASE).check(GATEWAY);
	}

	@Test
	void configLoaderResourceTreePoliciesAndTemplatesImportNoSpring() {
		plainJavaPackagesImportNoSpring(BASE).check(GATEWAY);
	}

	@Test
	void rulesFailOnDeliberateViolations() {
		String fixtures = "dev.turnpike.archfixture";
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> noPackageCycles(fixtures).check(FIXTURES))
			.withMessageContaining("Cycle detected");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> routingKnowsNoFeature(fixtures).check(FIXTURES))
			.withMessageContaining("FixtureCompiler");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> featuresImportOnlySharedPackages(fixtures).check(FIXTURES))
			.withMessageContaining("FixtureAuthorizer");
	}

}
