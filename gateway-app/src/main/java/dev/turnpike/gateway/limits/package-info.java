/**
 * Request limits that apply to every route: the payload size limit.
 */
package dev.turnpike.gateway.limits;
