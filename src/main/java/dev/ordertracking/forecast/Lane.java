package dev.ordertracking.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a parcel goes and who takes it: what transit times are learned per. Any part may be
 * unknown (null), the carrier too before hand-over. {@link #fallbacks(int)} lists the lanes a forecast
 * may rest on, finest first.
 * Parts are compared ignoring case and outer spaces.
 */
public record Lane(String carrier, String country, String region, String postalCode) {

    /** Key of the lane every parcel belongs to. */
    public static final String ALL = "*";

    /**
     * The keys of this lane's learned transit times, finest first: the carrier to the postal prefix,
     * to the region; any carrier to the postal prefix, to the region; the carrier to the country; any
     * carrier to the country; the carrier; everything. Levels whose parts are unknown are left out.
     * A delivery counts in every one of them; a forecast takes the first with enough samples.
     *
     * @param postalPrefixLength how many leading characters of the postal code make a lane (0: none)
     */
    public List<String> fallbacks(int postalPrefixLength) {
        String c = part(carrier);
        String co = part(country);
        String r = part(region);
        String p = postalPrefixLength <= 0 ? null : prefix(postalCode, postalPrefixLength);
        List<String> keys = new ArrayList<>(8);
        if (co != null) {
            for (String who : c == null ? List.of(ALL) : List.of(c, ALL)) {
                if (p != null) {
                    keys.add(key(who, co, r, p));
                }
                if (r != null) {
                    keys.add(key(who, co, r, null));
                }
            }
            if (c != null) {
                keys.add(key(c, co, null, null));
            }
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
