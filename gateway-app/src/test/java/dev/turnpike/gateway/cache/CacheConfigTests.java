package dev.turnpike.gateway.cache;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.ConfigRepositoryLoader;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.LoaderSettings;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.config.model.ApiMethod;
import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The cache's stage settings and cache keys as the plain-Java loader reads them (what
 * {@code validate} checks): the feature's own reader, installed through
 * {@code FeatureConfig}, with AWS's rules.
 */
class CacheConfigTests {

	@TempDir
	Path dir;

	private static final String API = """
			openapi: 3.0.1
			info: {title: Pets, version: "1"}
			paths:
			  /pets/{id}:
			    get:
			      parameters: [{name: id, in: path, required: true}, {name: kind, in: query}]
			      x-amazon-apigateway-integration:
			        type: http_proxy
			        httpMethod: GET
			        uri: http://pets.test/pets/{id}
			        cacheNamespace: pets
			        cacheKeyParameters: [method.request.path.id, method.request.querystring.kind]
			    post:
			      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: POST, uri: http://pets.test/pets}
			""";

	private Api load(String stageYaml) {
		TestConfigRepo.in(this.dir).api("pets", API).write("apis/pets/stages/prod.yaml", stageYaml);
		return new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir).config().apis().get("pets");
	}

	private List<String> problems(String api, String stageYaml) {
		TestConfigRepo.in(this.dir).api("pets", api).write("apis/pets/stages/prod.yaml", stageYaml);
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir));
		assertThat(ex).as("the config repo should be refused").isNotNull();
		return ex.problems().stream().map(ConfigProblem::toString).toList();
	}

	private static ApiMethod method(Api api, String httpMethod) {
		return api.methods().stream().filter(m -> m.httpMethod().equals(httpMethod)).findFirst().orElseThrow();
	}

	@Test
	void stageSettingsResolvePerMethodWithAwsDefaults() {
		Api api = load("""
				cacheClusterEnabled: true
				cacheClusterSize: "6.1"
				caching:
				  "*/*": {cacheTtlInSeconds: 120, unauthorizedCacheControlHeaderStrategy: FAIL_WITH_403}
				  /pets/{id}/POST: {cachingEnabled: true, cacheDataEncrypted: true}
				""");
		CacheSettings.Stage stage = api.stages().get("prod").features().get(CacheConfig.STAGE);

		assertThat(stage.sizeInGb()).isEqualTo(6.1);
		CacheSettings.Resolved get = stage.resolve("/pets/{id}/GET", "GET");
		assertThat(get).isEqualTo(
				new CacheSettings.Resolved(true, 120, false, true, CacheSettings.UnauthorizedStrategy.FAIL_WITH_403));
		assertThat(stage.resolve("/pets/{id}/POST", "POST")).isEqualTo(
				new CacheSettings.Resolved(true, 120, true, true, CacheSettings.UnauthorizedStrategy.FAIL_WITH_403));
		assertThat(stage.resolve("/other/PUT", "PUT").enabled()).as("only GET caches by default").isFalse();
	}

	@Test
	void defaultsAreAwsDefaults() {
		CacheSettings.Stage stage = load("cacheClusterEnabled: true\n").stages()
			.get("prod")
			.features()
			.get(CacheConfig.STAGE);

		assertThat(stage.sizeGb()).isEqualTo("0.5");
		assertThat(stage.resolve("/pets/{id}/GET", "GET")).isEqualTo(new CacheSettings.Resolved(true, 300, false, true,
				CacheSettings.UnauthorizedStrategy.SUCCEED_WITH_RESPONSE_HEADER));
	}

	@Test
	void aZeroTtlOrADisabledClusterCachesNothing() {
		assertThat(load("cacheClusterEnabled: true\ncaching: {\"*/*\": {cacheTtlInSeconds: 0}}\n").stages()
			.get("prod")
			.features()
			.get(CacheConfig.STAGE)
			.resolve("/pets/{id}/GET", "GET")
			.enabled()).isFalse();
		assertThat(load("cacheClusterEnabled: false\n").stages()
			.get("prod")
			.features()
			.get(CacheConfig.STAGE)
			.resolve("/pets/{id}/GET", "GET")
			.enabled()).isFalse();
	}

	@Test
	void theIntegrationsCacheKeyIsReadIntoTheMethod() {
		Api api = load("cacheClusterEnabled: true\n");

		assertThat(method(api, "GET").features().get(CacheConfig.METHOD)).isEqualTo(
				new CacheSettings.Key("pets", List.of(new CacheSettings.KeyParameter(CacheSettings.Source.PATH, "id"),
						new CacheSettings.KeyParameter(CacheSettings.Source.QUERYSTRING, "kind"))));
		assertThat(method(api, "POST").features().get(CacheConfig.METHOD)).isNull();
	}

	@Test
	void whatAwsRefusesIsRefusedNamingFileAndField() {
		assertThat(problems(API, """
				cacheClusterEnabled: true
				cacheClusterSize: 3
				caching:
				  "*/*": {cacheTtlInSeconds: 3601, unauthorizedCacheControlHeaderStrategy: ALLOW, cacheEverything: true}
				  pets/GET: {cachingEnabled: true}
				""")).containsExactlyInAnyOrder(
				"apis/pets/stages/prod.yaml: cacheClusterSize: '3' is not a cache size AWS offers (0.5, 1.6, 6.1, 13.5,"
						+ " 28.4, 58.2, 118, 237 GB)",
				"apis/pets/stages/prod.yaml: caching.*/*.cacheTtlInSeconds: must be between 0 and 3600, not 3601",
				"apis/pets/stages/prod.yaml: caching.*/*.unauthorizedCacheControlHeaderStrategy: 'ALLOW' is not"
						+ " FAIL_WITH_403, SUCCEED_WITH_RESPONSE_HEADER or SUCCEED_WITHOUT_RESPONSE_HEADER",
				"apis/pets/stages/prod.yaml: caching.*/*.cacheEverything: is not a known setting (known: cacheDataEncrypted,"
						+ " cacheTtlInSeconds, cachingEnabled, requireAuthorizationForCacheControl,"
						+ " unauthorizedCacheControlHeaderStrategy)",
				"apis/pets/stages/prod.yaml: caching.pets/GET: 'pets/GET' is not \"*/*\" or a method key"
						+ " (<resourcePath>/<METHOD>, such as /pets/GET)");
	}

	@Test
	void aCacheKeyParameterTheMethodDoesNotDeclareIsRefused() {
		assertThat(problems(API.replace("method.request.querystring.kind", "method.request.header.X-Tenant"),
				"cacheClusterEnabled: true\n"))
			.containsExactly("apis/pets/openapi.yaml:"
					+ " paths./pets/{id}.get.x-amazon-apigateway-integration.cacheKeyParameters[1]:"
					+ " 'method.request.header.X-Tenant' is not a request parameter of the method; declare it in the"
					+ " operation's parameters, as AWS requires");
	}

}
