/**
 * User programs of the YARN tests. They reach the cluster only inside a jar the tests build from
 * these classes ({@link io.spindle.it.yarn.ProgramJar}); nothing here is on a container's class path.
 */
package io.spindle.it.yarn.programs;
