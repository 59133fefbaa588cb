package cn.qeregistry.exceptions;

import java.util.Set;

/**
 * Who changes an item, as the console knows them: user name, roles (ADMIN, OPERATOR, STAFF) and
 * the region a STAFF user is limited to (null = the whole province).
 */
public record Actor(String username, Set<String> roles, String regionCode) {

    /** The nightly sync, which closes and reopens items by itself. */
    public static final String SYSTEM = "system";

    private static final Set<String> MAY_FOLLOW_UP = Set.of("STAFF", "OPERATOR", "ADMIN");

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** Why this actor may not change an item of {@code itemRegion}, or null when it may. */
    public String refusal(String itemRegion) {
        if (roles.stream().noneMatch(MAY_FOLLOW_UP::contains)) {
            return username + " has none of the roles STAFF, OPERATOR, ADMIN needed to follow up exceptions";
        }
        if (regionCode != null && !roles.contains("ADMIN") && !Region.covers(regionCode, itemRegion)) {
            return username + " is limited to region " + regionCode + " and may not change an item of region "
                    + (itemRegion == null ? "(unknown)" : itemRegion);
        }
        return null;
    }
}
