/**
 * IAM-style policy documents for {@code execute-api:Invoke}, evaluated as API Gateway
 * does (explicit Deny wins, an Allow is needed): Lambda authorizer policies and resource
 * policies. Plain Java.
 */
package dev.turnpike.gateway.policy;
