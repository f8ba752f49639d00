package dev.turnpike.gateway.authorizer;

/**
 * {@code arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}}: the
 * method ARN API Gateway gives Lambda authorizers and evaluates policies against. The
 * path is the request's, below the stage, without its leading slash.
 */
public record MethodArns(String region, String accountId) {

	public String methodArn(String apiId, String stage, String httpMethod, String resourceRequestPath) {
		String path = (resourceRequestPath == null || resourceRequestPath.equals("/")) ? ""
				: resourceRequestPath.startsWith("/") ? resourceRequestPath.substring(1) : resourceRequestPath;
		return "arn:aws:execute-api:" + this.region + ":" + this.accountId + ":" + apiId + "/" + stage + "/"
				+ httpMethod + "/" + path;
	}

}
