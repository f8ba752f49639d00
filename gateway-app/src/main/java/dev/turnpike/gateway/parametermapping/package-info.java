/**
 * An HTTP API's parameter mapping, as AWS writes it in the integration:
 * {@code requestParameters} ({@code overwrite:}, {@code append:}, {@code remove:} on
 * {@code header.X} and {@code querystring.X}, {@code overwrite:path}) and
 * {@code responseParameters} keyed by status code ({@code overwrite:statuscode} and the
 * header actions), with values from {@code $request.*}, {@code $context.*},
 * {@code $stageVariables.*}, {@code $response.header.*} and static text.
 */
package dev.turnpike.gateway.parametermapping;
