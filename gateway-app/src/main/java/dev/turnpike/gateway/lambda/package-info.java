/**
 * Invoking Lambda functions: over the Lambda Invoke API shape on an endpoint in the
 * cluster, or in AWS Lambda.
 */
package dev.turnpike.gateway.lambda;
