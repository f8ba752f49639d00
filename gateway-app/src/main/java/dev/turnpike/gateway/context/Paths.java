package dev.turnpike.gateway.context;

/** Request paths as API Gateway reads them. */
public final class Paths {

	private Paths() {
	}

	/**
	 * {@code path} with a run of slashes at its start made one ({@code //prod/x} is
	 * {@code /prod/x}), as API Gateway reads the slashes before the stage and right after
	 * it; slashes further in are the resource path's own and stay.
	 */
	public static String collapseLeadingSlashes(String path) {
		int start = 0;
		while (start + 1 < path.length() && path.charAt(start) == '/' && path.charAt(start + 1) == '/') {
			start++;
		}
		return path.substring(start);
	}

}
