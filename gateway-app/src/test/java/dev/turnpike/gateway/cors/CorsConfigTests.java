package dev.turnpike.gateway.cors;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.turnpike.gateway.config.ConfigProblem;
import dev.turnpike.gateway.config.ConfigRepositoryLoader;
import dev.turnpike.gateway.config.InvalidConfigException;
import dev.turnpike.gateway.config.LoaderSettings;
import dev.turnpike.gateway.config.model.Api;
import dev.turnpike.gateway.support.TestConfigRepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The CORS block as the loader reads and checks it, with AWS's rules for a Cors object.
 */
class CorsConfigTests {

	@TempDir
	Path dir;

	private static String api(String cors) {
		return """
				openapi: "3.0.1"
				info: {title: web, version: "1"}
				x-amazon-apigateway-importexport-version: "1.0"
				x-amazon-apigateway-cors: %s
				paths:
				  /items:
				    get:
				      x-amazon-apigateway-integration: {type: http_proxy, httpMethod: GET, uri: "http://web.test/items"}
				""".formatted(cors);
	}

	private List<String> problems(String document) {
		TestConfigRepo.in(this.dir).api("web", document).write("apis/web/stages/$default.yaml", "{}\n");
		InvalidConfigException ex = catchThrowableOfType(InvalidConfigException.class,
				() -> new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir));
		assertThat(ex).as("the config repo should be refused").isNotNull();
		return ex.problems().stream().map(ConfigProblem::toString).toList();
	}

	@Test
	void theBlockIsReadAsAwsWritesIt() {
		TestConfigRepo.in(this.dir)
			.api("web",
					api("{allowOrigins: ['https://a.example'], allowMethods: [get, POST], allowHeaders: ['*'],"
							+ " exposeHeaders: [date], maxAge: -1, allowCredentials: true}"))
			.write("apis/web/stages/$default.yaml", "{}\n");
		Api web = new ConfigRepositoryLoader(LoaderSettings.defaults()).load(this.dir).config().apis().get("web");

		assertThat(web.features().get(CorsConfig.API)).isEqualTo(new CorsSettings(List.of("https://a.example"),
				List.of("GET", "POST"), List.of("*"), List.of("date"), -1, true));
	}

	@Test
	void whatAwsRefusesIsRefusedNamingFileAndField() {
		assertThat(problems(api("{allowOrigins: ['*', 'ftp//nope'], allowMethods: [FETCH], maxAge: 86401,"
				+ " allowCredentials: true, allowEverything: true}")))
			.containsExactlyInAnyOrder(
					"apis/web/openapi.yaml: x-amazon-apigateway-cors.allowEverything: is not a known setting (known:"
							+ " allowCredentials, allowHeaders, allowMethods, allowOrigins, exposeHeaders, maxAge)",
					"apis/web/openapi.yaml: x-amazon-apigateway-cors.allowOrigins[1]: 'ftp//nope' is not an origin (*,"
							+ " a scheme with *, or scheme://host[:port])",
					"apis/web/openapi.yaml: x-amazon-apigateway-cors.allowMethods: 'FETCH' is not an HTTP method API"
							+ " Gateway serves (GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS or *)",
					"apis/web/openapi.yaml: x-amazon-apigateway-cors.maxAge: must be between -1 and 86400, not 86401",
					"apis/web/openapi.yaml: x-amazon-apigateway-cors.allowCredentials: is true with the origin '*',"
							+ " which AWS refuses (browsers never send credentials to '*'): name the origins");
	}

}
