package dev.turnpike.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage matching without Spring, for paths the fuzzer found (they are also seeds of the
 * fuzz test).
 */
class ApiRouterTests {

	@ParameterizedTest
	@ValueSource(strings = { "", "vprod", "prod/pets", "\\u02ecl" })
	void matchStageWhenPathDoesNotStartWithSlashThenNoStage(String path) {
		assertThat(ApiRouter.matchStage(RoutingTable.EMPTY, "abc123.execute-api.us-east-1.amazonaws.com", path))
			.isNull();
		assertThat(ApiRouter.matchStage(RoutingTable.EMPTY, "api.example.com", path)).isNull();
	}

}
