/**
 * Registers every resource type and data source that has its XAPI logic. Each group of
 * resources registers itself in its own file, one line per type.
 */
import './implemented-infra';
import './implemented-compute';
import './implemented-cloud';
