package dev.turnpike.authorizer.invoke;

import java.time.Clock;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.turnpike.sigv4.SigV4Verifier;

/** Collects the hosted functions and the invoker that runs them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FunctionsProperties.class)
public class FunctionsConfiguration {

	private static final Log LOG = LogFactory.getLog(FunctionsConfiguration.class);

	@Bean
	FunctionRegistry functionRegistry(ListableBeanFactory beans, ObjectProvider<HostedFunctions> hosted,
			FunctionsProperties properties) {
		FunctionRegistry registry = new FunctionRegistry();
		beans.getBeansOfType(RequestHandler.class)
			.forEach((name, handler) -> registry.register(name, handler, "bean " + name));
		beans.getBeansOfType(RequestStreamHandler.class)
			.forEach((name, handler) -> registry.register(name, handler, "bean " + name));
		hosted.orderedStream().forEach(source -> {
			for (Map.Entry<String, Object> entry : source.handlers().entrySet()) {
				registry.register(entry.getKey(), entry.getValue(), "turnpike.authorizers." + entry.getKey());
			}
		});
		properties.handlers()
			.forEach((name, className) -> registry.registerClass(name, className,
					"turnpike.functions.handlers." + name));
		registry.all()
			.forEach(function -> LOG.info("Hosting function " + function.name() + " (" + function.handlerClass()
					+ ") at /2015-03-31/functions/" + function.name() + "/invocations"));
		return registry;
	}

	@Bean
	SignedInvocations signedInvocations(FunctionsProperties properties, ObjectProvider<Clock> clock) {
		if (!properties.hasInvokeCredentials()) {
			LOG.warn("No invoke key pair is configured (turnpike.functions.access-key-id and secret-access-key): every"
					+ " invocation is refused with 403 until one is");
		}
		else {
			LOG.info("Invocations must be SigV4-signed (service lambda, region " + properties.region()
					+ ") by access key " + properties.accessKeyId());
		}
		return new SignedInvocations(new SigV4Verifier(SignedInvocations.SERVICE, properties.region(),
				properties::secretOf, properties.clockSkew(), clock.getIfAvailable(Clock::systemUTC)));
	}

	@Bean
	FunctionInvoker functionInvoker(FunctionsProperties properties, ObjectProvider<Clock> clock, MeterRegistry meters) {
		return new FunctionInvoker(properties, clock.getIfAvailable(Clock::systemUTC), meters);
	}

}
