package dev.turnpike.gateway.config.model;

import java.util.Locale;
import java.util.Map;

/**
 * Where and how a stage's requests are logged, one line each (API Gateway's access
 * logging).
 *
 * @param format the line, {@code $context} variables substituted (one of the presets or a
 * custom format)
 * @param destination {@code stdout}, or the path of a file to append to
 */
public record AccessLogSettings(SimpleTemplate format, String destination) {

	/** API Gateway console's presets, as single lines. */
	public static final Map<String, String> PRESETS = Map.of("clf",
			"$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "
					+ "\"$context.httpMethod $context.resourcePath $context.protocol\" $context.status "
					+ "$context.responseLength $context.requestId $context.extendedRequestId",
			"json",
			"{ \"requestId\":\"$context.requestId\", \"extendedRequestId\":\"$context.extendedRequestId\", "
					+ "\"ip\": \"$context.identity.sourceIp\", \"caller\":\"$context.identity.caller\", "
					+ "\"user\":\"$context.identity.user\", \"requestTime\":\"$context.requestTime\", "
					+ "\"httpMethod\":\"$context.httpMethod\", \"resourcePath\":\"$context.resourcePath\", "
					+ "\"status\":\"$context.status\", \"protocol\":\"$context.protocol\", "
					+ "\"responseLength\":\"$context.responseLength\" }",
			"xml",
			"<request id=\"$context.requestId\"> <extendedRequestId>$context.extendedRequestId</extendedRequestId> "
					+ "<ip>$context.identity.sourceIp</ip> <caller>$context.identity.caller</caller> "
					+ "<user>$context.identity.user</user> <requestTime>$context.requestTime</requestTime> "
					+ "<httpMethod>$context.httpMethod</httpMethod> <resourcePath>$context.resourcePath</resourcePath> "
					+ "<status>$context.status</status> <protocol>$context.protocol</protocol> "
					+ "<responseLength>$context.responseLength</responseLength> </request>",
			"csv",
			"$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,"
					+ "$context.httpMethod,$context.resourcePath,$context.protocol,$context.status,"
					+ "$context.responseLength,$context.requestId,$context.extendedRequestId");

	/**
	 * A preset's name ({@code clf}, {@code json}, {@code xml}, {@code csv}) or a custom
	 * format, as a template.
	 */
	public static SimpleTemplate format(String presetOrFormat) {
		String preset = PRESETS.get(presetOrFormat.trim().toLowerCase(Locale.ROOT));
		return SimpleTemplate.parse((preset != null) ? preset : presetOrFormat);
	}

}
