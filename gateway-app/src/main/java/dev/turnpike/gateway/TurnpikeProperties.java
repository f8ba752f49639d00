package dev.turnpike.gateway;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.turnpike.gateway.config.LoaderSettings;

/**
 * Gateway-wide settings under {@code turnpike.*}. Per-API behaviour lives in the config repo; these are the
 * operator's knobs.
 *
 * @param config where the config repo is and how often it is checked for changes
 * @param integration integration call bounds
 * @param limits request limits
 */
@Validated
@ConfigurationProperties("turnpike")
public record TurnpikeProperties(@DefaultValue Config config, @DefaultValue Integration integration,
		@DefaultValue Limits limits) {

	/**
	 * @param location the config repo directory ({@code TURNPIKE_CONFIG_LOCATION}); default {@code config-repo}
	 * @param pollInterval how often the directory is checked for changes; a change is applied once two checks
	 * agree, so edits take effect within about twice this
	 * @param watch whether to watch for changes at all (default true)
	 */
	public record Config(@DefaultValue("config-repo") Path location, @DefaultValue("250ms") Duration pollInterval,
			@DefaultValue("true") boolean watch) {
	}

	/**
	 * @param defaultTimeout the timeout of integrations that set no {@code timeoutInMillis} (AWS: 29 s)
	 * @param maxTimeout the largest {@code timeoutInMillis} the config repo may set (AWS: 29 s unless raised)
	 * @param connectTimeout the longest a backend connection may take to open (capped by the integration timeout)
	 */
	public record Integration(@DefaultValue("29s") Duration defaultTimeout, @DefaultValue("29s") Duration maxTimeout,
			@DefaultValue("10s") Duration connectTimeout) {

		public LoaderSettings loaderSettings() {
			return new LoaderSettings((int) this.defaultTimeout.toMillis(), (int) this.maxTimeout.toMillis());
		}

	}

	/**
	 * @param maxPayloadSize the largest request body accepted; larger ones get 413 (AWS: 10 MB)
	 */
	public record Limits(@DefaultValue("10MB") DataSize maxPayloadSize) {
	}

}
