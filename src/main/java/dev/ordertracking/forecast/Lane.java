package dev.ordertracking.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a parcel goes and who takes it: what transit times are learned per. Any part may be
 * unknown (null). {@link #fallbacks(int)} lists the lanes a forecast may rest on, finest first:
 * carrier to postal prefix, carrier to region, any carrier to region, carrier to country, any
 * carrier to country, the carrier, everything. Parts are compared ignoring case and outer spaces.
 */
public record Lane(String carrier, String country, String region, String postalCode) {

    /** Key of the lane every parcel belongs to. */
    public static final String ALL = "*";

    /**
     * The keys of this lane's learned transit times, finest first, without the levels whose parts
     * are unknown. A delivery counts in every one of them; a forecast takes the first with enough
     * samples.
     *
     * @param postalPrefixLength how many leading characters of the postal code make a lane (0: none)
     */
    public List<String> fallbacks(int postalPrefixLength) {
        String c = part(carrier);
        String co = part(country);
        String r = part(region);
        String p = postalPrefixLength <= 0 ? null : prefix(postalCode, postalPrefixLength);
        List<String> keys = new ArrayList<>(7);
        if (c != null && co != null && r != null && p != null) {
            keys.add(key(c, co, r, p));
        } else if (c != null && co != null && p != null) {
            keys.add(key(c, co, "?", p));
        }
        if (c != null && co != null && r != null) {
            keys.add(key(c, co, r, null));
        }
        if (co != null && r != null) {
            keys.add(key(ALL, co, r, null));
        }
        if (c != null && co != null) {
            keys.add(key(c, co, null, null));
        }
        if (co != null) {
            keys.add(key(ALL, co, null, null));
        }
        if (c != null) {
            keys.add(key(c, null, null, null));
        }
        keys.add(ALL);
        return keys;
    }

    private static String key(String carrier, String country, String region, String postalPrefix) {
        StringBuilder k = new StringBuilder(carrier);
        if (country != null) {
            k.append(" > ").append(country);
        }
        if (region != null) {
            k.append(" > ").append(region);
        }
        if (postalPrefix != null) {
            k.append(" > ").append(postalPrefix).append('*');
        }
        return k.toString();
    }

    private static String part(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.strip().toUpperCase(Locale.ROOT).replace('>', ' ');
    }

    private static String prefix(String postalCode, int length) {
        String p = part(postalCode);
        if (p == null) {
            return null;
        }
        p = p.replace(" ", "").replace("-", "");
        return p.length() < length ? null : p.substring(0, length);
    }
}
