package cn.qeregistry.generator;

import cn.qeregistry.core.Level;
import cn.qeregistry.core.Tier;

import java.time.LocalDate;

/** One tier a firm holds, as the programme office's registry lists it; validUntil may be unknown (null). */
public record Holding(Tier tier, Level level, LocalDate validUntil) {
}
