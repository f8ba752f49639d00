package dev.turnpike.helm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart rendered with real Helm (helm-java bundles it) for the default values and
 * each documented variant, linted, parsed as Kubernetes objects, and checked for the
 * production habits every component must have.
 */
class ChartTests {

	private static final Path CHART = Path.of("turnpike").toAbsolutePath();

	@TempDir
	Path values;

	/** The manifests for the given values (YAML), as Kubernetes objects. */
	private List<HasMetadata> render(String valuesYaml) throws IOException {
		TemplateCommand template = new Helm(CHART).template().withName("edge").withNamespace("turnpike");
		if (valuesYaml != null) {
			Path file = Files.createTempFile(this.values, "values", ".yaml");
			Files.writeString(file, valuesYaml);
			template = template.withValuesFile(file);
		}
		String rendered = template.call();
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : rendered.split("(?m)^---\\s*$")) {
			if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
				objects.add(Serialization.unmarshal(document));
			}
		}
		return objects;
	}

	private static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
		return objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
		return all(objects, type).stream()
			.filter(o -> o.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
	}

	private static Container container(PodSpec pod, String name) {
		return pod.getContainers()
			.stream()
			.filter(c -> c.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no container " + name));
	}

	private static String env(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter(e -> e.getName().equals(name))
			.map(EnvVar::getValue)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private static boolean hasEnv(Container container, String name) {
		return container.getEnv().stream().anyMatch(e -> e.getName().equals(name));
	}

	@Test
	void chartLintsClean() {
		LintResult lint = new Helm(CHART).lint().strict().call();
		assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
		assertThat(lint.getMessages())
			.noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	@Test
	void defaultsInstallTheWholePlatformWithProductionHabits() throws IOException {
		List<HasMetadata> objects = render(null);

		assertThat(all(objects, Deployment.class)).extracting(d -> d.getMetadata().getName())
			.containsExactlyInAnyOrder("edge-turnpike-gateway", "edge-turnpike-usage-plans",
					"edge-turnpike-authorizers");
		assertThat(all(objects, StatefulSet.class)).extracting(s -> s.getMetadata().getName())
			.containsExactly("edge-turnpike-redis");

		Service gateway = named(objects, Service.class, "edge-turnpike-gateway");
		assertThat(gateway.getSpec().getType()).isEqualTo("LoadBalancer");
		assertThat(gateway.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(80);
		assertThat(named(objects, Service.class, "edge-turnpike-usage-plans").getSpec().getType())
			.isEqualTo("ClusterIP");

		for (Deployment deployment : all(objects, Deployment.class)) {
			checkPod(deployment.getMetadata().getName(), deployment.getSpec().getTemplate().getSpec());
			PodDisruptionBudget pdb = named(objects, PodDisruptionBudget.class, deployment.getMetadata().getName());
			assertThat(pdb.getSpec().getSelector().getMatchLabels()).as("PDB selects the deployment's pods")
				.isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
			assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
		}
		checkPod("redis", named(objects, StatefulSet.class, "edge-turnpike-redis").getSpec().getTemplate().getSpec());
		assertThat(named(objects, StatefulSet.class, "edge-turnpike-redis").getSpec().getVolumeClaimTemplates())
			.hasSize(1);

		HorizontalPodAutoscaler hpa = named(objects, HorizontalPodAutoscaler.class, "edge-turnpike-gateway");
		assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("edge-turnpike-gateway");
		assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
		Deployment gatewayDeployment = named(objects, Deployment.class, "edge-turnpike-gateway");
		assertThat(gatewayDeployment.getSpec().getReplicas()).as("the HPA owns the replica count").isNull();

		PodSpec gatewayPod = gatewayDeployment.getSpec().getTemplate().getSpec();
		Container gatewayContainer = container(gatewayPod, "gateway");
		long preStop = gatewayContainer.getLifecycle().getPreStop().getSleep().getSeconds();
		assertThat(gatewayPod.getTerminationGracePeriodSeconds())
			.as("grace outlasts the pre-stop pause and a 29 s request")
			.isGreaterThan(preStop + 29);
		assertThat(gatewayPod.getTopologySpreadConstraints()).isNotEmpty();
		assertThat(gatewayPod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
			.isNotEmpty();
		assertThat(env(gatewayContainer, "SPRING_DATA_REDIS_URL")).isEqualTo("redis://edge-turnpike-redis:6379");
		assertThat(hasEnv(gatewayContainer, "SPRING_DATA_REDIS_PASSWORD")).isTrue();
		assertThat(hasEnv(gatewayContainer, "TURNPIKE_API_KEYS_HASH_SECRET")).isTrue();

		String gatewayConfig = named(objects, ConfigMap.class, "edge-turnpike-gateway").getData()
			.get("application.yaml");
		assertThat(gatewayConfig).contains("location: /config-repo",
				"endpoint-url: http://edge-turnpike-authorizers:8082", "format: json");

		List<String> policies = all(objects, NetworkPolicy.class).stream().map(p -> p.getMetadata().getName()).toList();
		assertThat(policies).containsExactlyInAnyOrder("edge-turnpike-gateway", "edge-turnpike-usage-plans",
				"edge-turnpike-authorizers", "edge-turnpike-redis");
		NetworkPolicy redis = named(objects, NetworkPolicy.class, "edge-turnpike-redis");
		assertThat(redis.getSpec().getIngress()).singleElement()
			.satisfies(rule -> assertThat(rule.getFrom().get(0).getPodSelector().getMatchLabels())
				.containsEntry("turnpike.dev/redis-client", "true"));
		assertThat(gatewayDeployment.getSpec().getTemplate().getMetadata().getLabels())
			.containsEntry("turnpike.dev/redis-client", "true");
		NetworkPolicy authorizers = named(objects, NetworkPolicy.class, "edge-turnpike-authorizers");
		assertThat(authorizers.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
			.containsEntry("app.kubernetes.io/name", "gateway");
	}

	/** Resources, probes on the management port, and locked-down security contexts. */
	private static void checkPod(String name, PodSpec pod) {
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runs as non-root").isTrue();
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		for (Container container : pod.getContainers()) {
			String where = name + "/" + container.getName();
			assertThat(container.getResources().getRequests()).as(where + " requests").containsKeys("cpu", "memory");
			assertThat(container.getResources().getLimits()).as(where + " limits").containsKey("memory");
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(where + " read-only root")
				.isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
			assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(where).contains("ALL");
			if (container.getName().equals("git-sync")) {
				continue;
			}
			assertThat(container.getLivenessProbe()).as(where + " liveness").isNotNull();
			assertThat(container.getReadinessProbe()).as(where + " readiness").isNotNull();
			assertThat(container.getStartupProbe()).as(where + " startup").isNotNull();
			if (container.getLivenessProbe().getHttpGet() != null) {
				assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
				assertThat(container.getReadinessProbe().getHttpGet().getPath())
					.isEqualTo("/actuator/health/readiness");
				assertThat(container.getPorts()).anyMatch(port -> "management".equals(port.getName()));
			}
		}
	}

	@Test
	void internalRedisWritesEveryCommandToItsAppendOnlyFileOnThePersistentVolume() throws IOException {
		StatefulSet redis = named(render(null), StatefulSet.class, "edge-turnpike-redis");
		Container server = container(redis.getSpec().getTemplate().getSpec(), "redis");
		assertThat(String.join(" ", server.getCommand())).contains("--appendonly yes", "--appendfsync everysec",
				"--dir /data");
		assertThat(server.getVolumeMounts()).anyMatch(mount -> mount.getMountPath().equals("/data")
				&& mount.getName().equals(redis.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName()));

		Container strict = container(
				named(render("redis: {internal: {appendfsync: always}}"), StatefulSet.class, "edge-turnpike-redis")
					.getSpec()
					.getTemplate()
					.getSpec(),
				"redis");
		assertThat(String.join(" ", strict.getCommand())).contains("--appendfsync always");
		assertThatThrownBy(() -> render("redis: {internal: {appendfsync: \"no\"}}"))
			.as("fsync left to the OS is refused")
			.hasMessageContaining("appendfsync");
	}

	@Test
	void externalRedisVariantsConfigureUrlSentinelOrCluster() throws IOException {
		List<HasMetadata> standalone = render("""
				redis:
				  mode: external
				  external:
				    url: rediss://redis.prod.example:6380
				    passwordSecret: {name: redis-auth, key: pw}
				""");
		assertThat(all(standalone, StatefulSet.class)).isEmpty();
		assertThat(all(standalone, NetworkPolicy.class)).noneMatch(p -> p.getMetadata().getName().endsWith("-redis"));
		Container gateway = container(
				named(standalone, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec(),
				"gateway");
		assertThat(env(gateway, "SPRING_DATA_REDIS_URL")).isEqualTo("rediss://redis.prod.example:6380");
		EnvVar password = gateway.getEnv()
			.stream()
			.filter(e -> e.getName().equals("SPRING_DATA_REDIS_PASSWORD"))
			.findFirst()
			.orElseThrow();
		assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-auth");
		assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("pw");

		List<HasMetadata> sentinel = render("""
				redis:
				  mode: external
				  external:
				    sentinel: {master: mymaster, nodes: ["s1:26379", "s2:26379"]}
				""");
		Container sentinelGateway = container(
				named(sentinel, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec(),
				"gateway");
		assertThat(env(sentinelGateway, "SPRING_DATA_REDIS_SENTINEL_MASTER")).isEqualTo("mymaster");
		assertThat(env(sentinelGateway, "SPRING_DATA_REDIS_SENTINEL_NODES")).isEqualTo("s1:26379,s2:26379");
		Container sentinelPlans = container(
				named(sentinel, Deployment.class, "edge-turnpike-usage-plans").getSpec().getTemplate().getSpec(),
				"usage-plans");
		assertThat(env(sentinelPlans, "SPRING_DATA_REDIS_SENTINEL_MASTER")).isEqualTo("mymaster");

		List<HasMetadata> cluster = render("""
				redis:
				  mode: external
				  external:
				    cluster: {nodes: ["r1:6379", "r2:6379", "r3:6379"]}
				""");
		assertThat(env(
				container(named(cluster, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec(),
						"gateway"),
				"SPRING_DATA_REDIS_CLUSTER_NODES"))
			.isEqualTo("r1:6379,r2:6379,r3:6379");
	}

	@Test
	void gitConfigRepoRunsGitSyncBesideTheGateway() throws IOException {
		List<HasMetadata> objects = render("""
				configRepo:
				  source: git
				  git:
				    url: https://git.example.com/platform/apis.git
				    branch: release
				    path: config-repo
				    credentialsSecret: git-credentials
				""");
		PodSpec pod = named(objects, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec();
		checkPod("gateway", pod);
		Container gitSync = container(pod, "git-sync");
		assertThat(gitSync.getArgs()).contains("--repo=https://git.example.com/platform/apis.git", "--ref=release",
				"--root=/git", "--link=current");
		assertThat(gitSync.getEnv()).anyMatch(e -> e.getName().equals("GITSYNC_PASSWORD")
				&& e.getValueFrom().getSecretKeyRef().getName().equals("git-credentials"));
		assertThat(named(objects, ConfigMap.class, "edge-turnpike-gateway").getData().get("application.yaml"))
			.contains("location: /git/current/config-repo");
		assertThat(all(objects, ConfigMap.class)).noneMatch(c -> c.getMetadata().getName().endsWith("-config-repo"));
	}

	@Test
	void configMapConfigRepoMountsEachFileAtItsPath() throws IOException {
		List<HasMetadata> objects = render("""
				configRepo:
				  files:
				    gateway.yaml: "domains: {}"
				    apis/pets/openapi.yaml: "openapi: 3.0.1"
				    apis/pets/stages/prod.yaml: "variables: {}"
				""");
		ConfigMap repo = named(objects, ConfigMap.class, "edge-turnpike-config-repo");
		assertThat(repo.getData()).containsKeys("gateway.yaml", "apis__pets__openapi.yaml",
				"apis__pets__stages__prod.yaml");
		PodSpec pod = named(objects, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec();
		assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("config-repo"))
			.singleElement()
			.satisfies(volume -> assertThat(volume.getConfigMap().getItems())
				.anyMatch(item -> item.getKey().equals("apis__pets__openapi.yaml")
						&& item.getPath().equals("apis/pets/openapi.yaml")));
	}

	@Test
	void tlsServesHttpsWithSniCertificatesFromSecretsAndCertManager() throws IOException {
		List<HasMetadata> objects = render("""
				gateway:
				  tls:
				    enabled: true
				    secretName: edge-tls
				    domains:
				      - {host: api.example.com, secretName: api-example-com-tls}
				  certManager:
				    enabled: true
				    issuerRef: {name: letsencrypt-prod, kind: ClusterIssuer}
				metrics:
				  serviceMonitor: {enabled: true}
				""");
		Service service = named(objects, Service.class, "edge-turnpike-gateway");
		assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
			assertThat(port.getPort()).isEqualTo(443);
			assertThat(port.getTargetPort().getStrVal()).isEqualTo("https");
		});
		PodSpec pod = named(objects, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec();
		assertThat(container(pod, "gateway").getPorts())
			.anyMatch(p -> p.getName().equals("https") && p.getContainerPort() == 8443);
		assertThat(pod.getVolumes())
			.anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("edge-tls"))
			.anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("api-example-com-tls"));
		String config = named(objects, ConfigMap.class, "edge-turnpike-gateway").getData().get("application.yaml");
		assertThat(config).contains("port: 8443", "bundle: default", "server-name: api.example.com", "bundle: domain-0",
				"reload-on-update: true");
		List<GenericKubernetesResource> certificates = all(objects, GenericKubernetesResource.class).stream()
			.filter(r -> r.getKind().equals("Certificate"))
			.toList();
		assertThat(certificates).singleElement().satisfies(certificate -> {
			assertThat(certificate.getMetadata().getName()).isEqualTo("api-example-com-tls");
			assertThat(((Map<?, ?>) certificate.getAdditionalProperties().get("spec")).get("dnsNames"))
				.isEqualTo(List.of("api.example.com"));
		});
		assertThat(all(objects, GenericKubernetesResource.class)).anyMatch(r -> r.getKind().equals("ServiceMonitor"));
		NetworkPolicy gateway = named(objects, NetworkPolicy.class, "edge-turnpike-gateway");
		assertThat(gateway.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(8443);
	}

	@Test
	void managementUiSignsInWithTheIdentityProviderWhenAClientIsConfigured() throws IOException {
		List<HasMetadata> objects = render("""
				usagePlans:
				  ingress: {enabled: true, host: keys.example.com, tlsSecretName: keys-tls}
				  oidc:
				    issuerUri: https://login.example.com/realms/platform
				    rolesClaim: groups
				    clientId: turnpike-ui
				    clientSecretName: turnpike-ui-oidc
				""");
		String config = named(objects, ConfigMap.class, "edge-turnpike-usage-plans").getData().get("application.yaml");
		Map<String, Object> yaml = Serialization.unmarshal(config, Map.class);
		assertThat(Serialization.asYaml(yaml)).contains("issuer-uri: \"https://login.example.com/realms/platform\"")
			.contains("client-id: \"turnpike-ui\"")
			.contains("roles-claim: \"groups\"");
		assertThat(config).doesNotContain("client-secret");
		Container ui = container(
				named(objects, Deployment.class, "edge-turnpike-usage-plans").getSpec().getTemplate().getSpec(),
				"usage-plans");
		EnvVar secret = ui.getEnv()
			.stream()
			.filter(e -> e.getName().equals("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OIDC_CLIENTSECRET"))
			.findFirst()
			.orElseThrow();
		assertThat(secret.getValueFrom().getSecretKeyRef().getName()).isEqualTo("turnpike-ui-oidc");
		assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("client-secret");

		String withoutClient = named(render(null), ConfigMap.class, "edge-turnpike-usage-plans").getData()
			.get("application.yaml");
		assertThat(withoutClient).doesNotContain("registration");
	}

	private static EnvVar envVar(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter(e -> e.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError(container.getName() + " has no " + name));
	}

	/**
	 * Both halves of the pair come from {@code secret}, under the keys the chart
	 * documents.
	 */
	private static void assertKeyPairFrom(Container container, String prefix, String secret) {
		EnvVar keyId = envVar(container, prefix + "_ACCESS_KEY_ID");
		EnvVar secretKey = envVar(container, prefix + "_SECRET_ACCESS_KEY");
		assertThat(keyId.getValue()).as("never a literal value").isNull();
		assertThat(secretKey.getValue()).as("never a literal value").isNull();
		assertThat(keyId.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
		assertThat(keyId.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("access-key-id");
		assertThat(secretKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
		assertThat(secretKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secret-access-key");
	}

	@Test
	void invokeKeyPairIsGeneratedIntoASecretThatTheGatewayAndTheAuthorizersBothRead() throws IOException {
		List<HasMetadata> objects = render(null);

		Secret pair = named(objects, Secret.class, "edge-turnpike-invoke-credentials");
		assertThat(pair.getData()).containsOnlyKeys("access-key-id", "secret-access-key");
		String keyId = new String(Base64.getDecoder().decode(pair.getData().get("access-key-id")),
				StandardCharsets.UTF_8);
		String secret = new String(Base64.getDecoder().decode(pair.getData().get("secret-access-key")),
				StandardCharsets.UTF_8);
		assertThat(keyId).startsWith("AKID").hasSizeGreaterThanOrEqualTo(16);
		assertThat(secret).hasSizeGreaterThanOrEqualTo(40);
		assertKeyPairFrom(
				container(named(objects, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec(),
						"gateway"),
				"TURNPIKE_LAMBDA", "edge-turnpike-invoke-credentials");
		assertKeyPairFrom(container(
				named(objects, Deployment.class, "edge-turnpike-authorizers").getSpec().getTemplate().getSpec(),
				"authorizers"), "TURNPIKE_FUNCTIONS", "edge-turnpike-invoke-credentials");
		assertThat(all(objects, ConfigMap.class)).as("the pair is never in a ConfigMap")
			.noneMatch(map -> String.valueOf(map.getData()).contains(secret));
		// The signature is the credential; the network policy still admits only the
		// gateway.
		NetworkPolicy authorizers = named(objects, NetworkPolicy.class, "edge-turnpike-authorizers");
		assertThat(authorizers.getSpec().getIngress().get(0).getFrom()).singleElement()
			.satisfies(from -> assertThat(from.getPodSelector().getMatchLabels())
				.containsEntry("app.kubernetes.io/name", "gateway"));
	}

	@Test
	void invokeKeyPairFromAnExistingSecretIsReadByBothAndNothingIsGenerated() throws IOException {
		List<HasMetadata> objects = render("authorizers:\n  invokeCredentials: {existingSecret: lambda-invoke}\n");

		assertThat(all(objects, Secret.class))
			.noneMatch(s -> s.getMetadata().getName().endsWith("-invoke-credentials"));
		assertKeyPairFrom(
				container(named(objects, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec(),
						"gateway"),
				"TURNPIKE_LAMBDA", "lambda-invoke");
		assertKeyPairFrom(container(
				named(objects, Deployment.class, "edge-turnpike-authorizers").getSpec().getTemplate().getSpec(),
				"authorizers"), "TURNPIKE_FUNCTIONS", "lambda-invoke");
		assertThatThrownBy(() -> render("authorizers:\n  invokeCredentials: {existingSecret: Not_A_Name}\n"))
			.hasMessageContaining("existingSecret");
	}

	@Test
	void withoutTheAuthorizerServiceThereIsNoInvokeKeyPair() throws IOException {
		List<HasMetadata> objects = render("authorizers:\n  enabled: false\n");

		assertThat(all(objects, Secret.class))
			.noneMatch(s -> s.getMetadata().getName().endsWith("-invoke-credentials"));
		Container gateway = container(
				named(objects, Deployment.class, "edge-turnpike-gateway").getSpec().getTemplate().getSpec(), "gateway");
		assertThat(hasEnv(gateway, "TURNPIKE_LAMBDA_ACCESS_KEY_ID")).isFalse();
	}

	@Test
	void wrongValuesFailAtInstallTime() {
		Map<String, String> wrong = Map.of("redis:\n  mode: sideways\n", "mode",
				"gateway:\n  service:\n    type: Ingress\n", "type", "gateway:\n  terminationGracePeriodSeconds: 10\n",
				"terminationGracePeriodSeconds", "redis:\n  mode: external\n", "external", "aws:\n  accountId: abc\n",
				"accountId", "gatway:\n  replicas: 3\n", "gatway");
		wrong.forEach((values, mentioned) -> assertThatThrownBy(() -> render(values)).as(values)
			.hasMessageContaining(mentioned));
	}

}
