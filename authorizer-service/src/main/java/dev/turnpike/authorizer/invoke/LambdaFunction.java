package dev.turnpike.authorizer.invoke;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import org.springframework.core.ResolvableType;

/**
 * A hosted function: a {@link RequestHandler} or {@link RequestStreamHandler}, called the
 * way the AWS Lambda Java runtime calls it. The payload becomes the handler's input type
 * with the runtime's own serializers (AWS's event serializers for
 * {@code aws-lambda-java-events} types, its Jackson setup for anything else) and the
 * output goes back the same way, so a handler behaves here exactly as it does on Lambda.
 */
public final class LambdaFunction {

	private final String name;

	private final Object handler;

	private final PojoSerializer<Object> input;

	private final PojoSerializer<Object> output;

	private LambdaFunction(String name, Object handler, PojoSerializer<Object> input, PojoSerializer<Object> output) {
		this.name = name;
		this.handler = handler;
		this.input = input;
		this.output = output;
	}

	/**
	 * Wraps a handler object; anything but a {@link RequestHandler} or
	 * {@link RequestStreamHandler} is refused.
	 */
	public static LambdaFunction of(String name, Object handler) {
		if (handler instanceof RequestStreamHandler) {
			return new LambdaFunction(name, handler, null, null);
		}
		if (!(handler instanceof RequestHandler<?, ?>)) {
			throw new IllegalArgumentException("function '" + name + "': " + handler.getClass().getName()
					+ " implements neither RequestHandler nor RequestStreamHandler");
		}
		ResolvableType type = ResolvableType.forClass(handler.getClass()).as(RequestHandler.class);
		Type in = type.getGeneric(0).getType();
		Type out = type.getGeneric(1).getType();
		ClassLoader loader = handler.getClass().getClassLoader();
		return new LambdaFunction(name, handler, serializer(in, loader), serializer(out, loader));
	}

	@SuppressWarnings("unchecked")
	private static PojoSerializer<Object> serializer(Type type, ClassLoader loader) {
		if (type instanceof Class<?> cls && LambdaEventSerializers.isLambdaSupportedEvent(cls.getName())) {
			return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(cls, loader);
		}
		// Unresolvable generics (a raw RequestHandler) are Object, which the runtime maps
		// to JSON values too.
		return JacksonFactory.getInstance().getSerializer(type);
	}

	public String name() {
		return this.name;
	}

	public String handlerClass() {
		return this.handler.getClass().getName();
	}

	/**
	 * Runs the handler on {@code payload}; any exception it throws propagates as the
	 * function's error.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public byte[] invoke(byte[] payload, Context context) throws IOException {
		if (this.handler instanceof RequestStreamHandler stream) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try (InputStream in = new ByteArrayInputStream(payload); OutputStream sink = out) {
				stream.handleRequest(in, sink, context);
			}
			return out.toByteArray();
		}
		Object event = this.input.fromJson(new ByteArrayInputStream(payload));
		Object result = ((RequestHandler) this.handler).handleRequest(event, context);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.output.toJson(result, out);
		return out.toByteArray();
	}

}
