package dev.turnpike.usageplans.core;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyHasherTests {

	private final ApiKeyHasher hasher = ApiKeyHasher.fromSecret("0123456789abcdef0123456789abcdef-test");

	@Test
	void generatedValuesAreLongRandomAndAlphanumeric() {
		Set<String> values = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String value = ApiKeyHasher.generateValue();
			assertThat(value).hasSize(40).matches("[A-Za-z0-9]+");
			values.add(value);
		}
		assertThat(values).hasSize(1000);
		assertThat(ApiKeyHasher.generateId()).matches("[a-z0-9]{10}");
	}

	@Test
	void hashIsKeyedAndStable() {
		String value = ApiKeyHasher.generateValue();
		assertThat(this.hasher.hash(value)).isEqualTo(this.hasher.hash(value)).doesNotContain(value).hasSize(43);
		ApiKeyHasher other = ApiKeyHasher.fromSecret("another-secret-another-secret-another-secret");
		assertThat(other.hash(value)).isNotEqualTo(this.hasher.hash(value));
	}

	@Test
	void shortSecretIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyHasher.fromSecret("short"));
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyHasher.fromSecret(""));
	}

	@Test
	void keyAcceptsCurrentValueAndPreviousValueOnlyDuringGrace() {
		Instant now = Instant.parse("2026-11-23T10:00:00Z");
		String current = this.hasher.hash("current-value-000000000000000000000000");
		String previous = this.hasher.hash("previous-value-00000000000000000000000");
		ApiKeyRecord key = new ApiKeyRecord("k", "n", null, true, null, now, now, "curre", current, previous,
				now.plusSeconds(60), null, null, null);
		assertThat(key.accepts(current, now)).isTrue();
		assertThat(key.accepts(previous, now.plusSeconds(59))).isTrue();
		assertThat(key.accepts(previous, now.plusSeconds(60))).isFalse();
		assertThat(key.accepts(this.hasher.hash("other"), now)).isFalse();
	}

	@Test
	void disabledOrExpiredKeyAcceptsNothing() {
		Instant now = Instant.parse("2026-11-23T10:00:00Z");
		String hash = this.hasher.hash("v");
		assertThat(new ApiKeyRecord("k", "n", null, false, null, now, now, "v", hash, null, null, null, null, null)
			.accepts(hash, now)).isFalse();
		ApiKeyRecord expiring = new ApiKeyRecord("k", "n", null, true, null, now, now, "v", hash, null, null,
				now.plusSeconds(1), null, null);
		assertThat(expiring.accepts(hash, now)).isTrue();
		assertThat(expiring.accepts(hash, now.plusSeconds(1))).isFalse();
	}

}
