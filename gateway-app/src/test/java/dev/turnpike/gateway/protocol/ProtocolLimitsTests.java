package dev.turnpike.gateway.protocol;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.turnpike.gateway.TurnpikeProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The request limit settings and the decoder caps derived from them. */
class ProtocolLimitsTests {

	@Test
	void ofWhenDefaultsThenAwsValuesAndDecoderCapsWithRoomForNamesAndTheRequestLine() {
		ProtocolLimits limits = ProtocolLimits
			.of(new TurnpikeProperties.Limits(DataSize.ofMegabytes(10), DataSize.ofKilobytes(10), 100, 10_240));

		assertThat(limits).isEqualTo(new ProtocolLimits(10_240, 100, 10_240));
		assertThat(limits.decoderMaxHeaderSize()).isEqualTo(10_240 + 100 * 256);
		assertThat(limits.decoderMaxInitialLineLength()).isEqualTo(10_240 + 1_024);
	}

	@Test
	void limitsWhenZeroOrHugeThenFailNamingTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TurnpikeProperties.Limits(DataSize.ofMegabytes(10), DataSize.ofBytes(0), 100, 10_240))
			.withMessageContaining("turnpike.limits.max-header-values-size");
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new TurnpikeProperties.Limits(DataSize.ofMegabytes(10), DataSize.ofKilobytes(10), 0, 10_240))
			.withMessageContaining("turnpike.limits.max-header-count");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TurnpikeProperties.Limits(DataSize.ofMegabytes(10), DataSize.ofKilobytes(10), 100,
					Integer.MAX_VALUE))
			.withMessageContaining("turnpike.limits.max-uri-length");
	}

}
