// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VmConfig extends cdktf.TerraformMetaArguments {
  /**
  * What XAPI does when the guest crashes. Must be one of `destroy`, `coredump_and_destroy`, `restart`, `coredump_and_restart`, `preserve`, `rename_restart`. Defaults to `"restart"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#actions_after_crash Vm#actions_after_crash}
  */
  readonly actionsAfterCrash?: string;
  /**
  * What XAPI does when the guest reboots: `restart` or `destroy`. Must be one of `destroy`, `restart`. Defaults to `"restart"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#actions_after_reboot Vm#actions_after_reboot}
  */
  readonly actionsAfterReboot?: string;
  /**
  * What XAPI does when the guest shuts down: `destroy` or `restart`. Must be one of `destroy`, `restart`. Defaults to `"destroy"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#actions_after_shutdown Vm#actions_after_shutdown}
  */
  readonly actionsAfterShutdown?: string;
  /**
  * Preferred host (XAPI `affinity`), a hint for starts; the VM is not moved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#affinity Vm#affinity}
  */
  readonly affinity?: string;
  /**
  * Allow halt-class updates to shut the VM down. When false, such a change is a plan error instead of downtime. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#allow_restart Vm#allow_restart}
  */
  readonly allowRestart?: boolean | cdktf.IResolvable;
  /**
  * UUID of the `xcp_appliance` (VM_appliance) the VM belongs to.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#appliance Vm#appliance}
  */
  readonly appliance?: string;
  /**
  * Start the VM when its host boots (`other_config:auto_poweron`; the pool flag must be set too). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#auto_poweron Vm#auto_poweron}
  */
  readonly autoPoweron?: boolean | cdktf.IResolvable;
  /**
  * Operations XAPI refuses on this VM, with the reason (e.g. `{ destroy = "protected" }`). Defaults to `{}`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#blocked_operations Vm#blocked_operations}
  */
  readonly blockedOperations?: { [key: string]: string };
  /**
  * Boot order letters (`HVM_boot_params:order`): c = disk, d = CD, n = network. Must be made of the letters c, d and n. Takes effect at the next boot.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#boot_order Vm#boot_order}
  */
  readonly bootOrder?: string;
  /**
  * Name or UUID of an ISO VDI inserted in the virtual CD drive; null ejects it.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#cdrom Vm#cdrom}
  */
  readonly cdrom?: string;
  /**
  * `fast` clones with copy-on-write disks on the template's SR (`VM.clone`); `full` copies the disks (`VM.copy`). Must be one of `fast`, `full`. Defaults to `"fast"`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#clone_type Vm#clone_type}
  */
  readonly cloneType?: string;
  /**
  * Cores per virtual socket (`platform:cores-per-socket`); must divide `vcpus_max`. Must be a whole number between 1 and 256. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#cores_per_socket Vm#cores_per_socket}
  */
  readonly coresPerSocket?: number;
  /**
  * Boot firmware, `bios` or `uefi` (`HVM_boot_params:firmware`). XAPI changes it on a halted VM: a running VM is shut down, changed and started again. The disks are kept, and an installed OS may need the other firmware's boot loader to start. Must be one of `bios`, `uefi`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#firmware Vm#firmware}
  */
  readonly firmware?: string;
  /**
  * Fall back to a hard shutdown when a clean shutdown times out or the guest has no PV drivers. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#force_shutdown Vm#force_shutdown}
  */
  readonly forceShutdown?: boolean | cdktf.IResolvable;
  /**
  * HA restart priority: `restart`, `best-effort` or "" (not protected). Must be one of `restart`, `best-effort`, ``. Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#ha_restart_priority Vm#ha_restart_priority}
  */
  readonly haRestartPriority?: string;
  /**
  * Expose the XenServer PCI vendor device (Windows Update drivers). Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#has_vendor_device Vm#has_vendor_device}
  */
  readonly hasVendorDevice?: boolean | cdktf.IResolvable;
  /**
  * Name or UUID of the host the VM runs on. A change on a running VM is a live migration (`VM.pool_migrate`); on a halted VM it sets where it starts next. Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#host Vm#host}
  */
  readonly host?: string;
  /**
  * Shadow memory multiplier (`HVM_shadow_multiplier`). Must be a number between 1 and 1000. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#hvm_shadow_multiplier Vm#hvm_shadow_multiplier}
  */
  readonly hvmShadowMultiplier?: number;
  /**
  * How the guest system gets installed: `template` (its disks hold the system), `cdrom` (boot the ISO in `cdrom` first; needs `cdrom`) or `network` (PXE boot first; excludes `cdrom`). Sets the boot order unless `boot_order` is given, which must then start with the method's device. Must be one of `template`, `cdrom`, `network`. Defaults to `"template"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#installation_method Vm#installation_method}
  */
  readonly installationMethod?: string;
  /**
  * Convert the VM into a template (one way: converting back is refused). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#is_template Vm#is_template}
  */
  readonly isTemplate?: boolean | cdktf.IResolvable;
  /**
  * Memory in bytes: static maximum, dynamic minimum and dynamic maximum together (the common case). Growing it needs a halt; use `memory_dynamic_*` for live changes. Must be a whole number of at least 16777216. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#memory Vm#memory}
  */
  readonly memory?: number;
  /**
  * Dynamic maximum memory in bytes (at least 16 MiB); changed live within the static range. Must be a whole number of at least 16777216. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#memory_dynamic_max Vm#memory_dynamic_max}
  */
  readonly memoryDynamicMax?: number;
  /**
  * Dynamic minimum memory in bytes (at least 16 MiB); changed live within the static range. Must be a whole number of at least 16777216. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#memory_dynamic_min Vm#memory_dynamic_min}
  */
  readonly memoryDynamicMin?: number;
  /**
  * Static minimum memory in bytes (at least 16 MiB, like `memory`). Must be a whole number of at least 16777216. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#memory_static_min Vm#memory_static_min}
  */
  readonly memoryStaticMin?: number;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#name_description Vm#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Must be length between 1 and 255.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#name_label Vm#name_label}
  */
  readonly nameLabel: string;
  /**
  * Expose hardware virtualisation to the guest (`platform:nested-virt`). Defaults to `false`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#nested_hvm Vm#nested_hvm}
  */
  readonly nestedHvm?: boolean | cdktf.IResolvable;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#other_config Vm#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#pool Vm#pool}
  */
  readonly pool?: string;
  /**
  * Desired power state: `running`, `halted`, `suspended` or `paused`. Must be one of `running`, `halted`, `suspended`, `paused`. Defaults to `"running"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#power_state Vm#power_state}
  */
  readonly powerState?: string;
  /**
  * UEFI Secure Boot (`platform:secureboot`). Defaults to `false`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#secure_boot Vm#secure_boot}
  */
  readonly secureBoot?: boolean | cdktf.IResolvable;
  /**
  * Seconds to wait after shutting down this VM before the next one. Must be a whole number of at least 0. Defaults to `0`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#shutdown_delay Vm#shutdown_delay}
  */
  readonly shutdownDelay?: number;
  /**
  * Seconds a clean shutdown may take (for halt-class updates and deletes) before `force_shutdown` applies. Must be a whole number between 1 and 3600. Defaults to `120`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#shutdown_timeout Vm#shutdown_timeout}
  */
  readonly shutdownTimeout?: number;
  /**
  * Seconds to wait after starting this VM before the next one (appliances, HA). Must be a whole number of at least 0. Defaults to `0`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#start_delay Vm#start_delay}
  */
  readonly startDelay?: number;
  /**
  * Start order within an appliance or for HA (XAPI `order`); lower starts first. Must be a whole number of at least 0. Defaults to `0`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#start_order Vm#start_order}
  */
  readonly startOrder?: number;
  /**
  * SR for the suspend image. Defaults to the pool's suspend image SR.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#suspend_sr Vm#suspend_sr}
  */
  readonly suspendSr?: string;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#tags Vm#tags}
  */
  readonly tags?: string[];
  /**
  * Name or UUID of the template, snapshot or halted VM to clone. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#template Vm#template}
  */
  readonly template: string;
  /**
  * CPU cap in percent of one physical CPU (`VCPUs_params:cap`), 0 for none. Must be a whole number between 0 and 25600.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vcpu_cap Vm#vcpu_cap}
  */
  readonly vcpuCap?: number;
  /**
  * Relative CPU weight for the credit scheduler (`VCPUs_params:weight`). Must be a whole number between 1 and 65535.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vcpu_weight Vm#vcpu_weight}
  */
  readonly vcpuWeight?: number;
  /**
  * Number of vCPUs at startup (`VCPUs_at_startup`). Changed live up to `vcpus_max`; beyond it the VM is halted for the change. Must be a whole number between 1 and 256.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vcpus Vm#vcpus}
  */
  readonly vcpus?: number;
  /**
  * Maximum number of vCPUs (`VCPUs_max`). XAPI accepts it only while the VM is halted. Must be a whole number between 1 and 256. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vcpus_max Vm#vcpus_max}
  */
  readonly vcpusMax?: number;
  /**
  * Emulated graphics: `std` or `cirrus` (`platform:vga`). Must be one of `std`, `cirrus`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vga Vm#vga}
  */
  readonly vga?: string;
  /**
  * Video memory in MiB (`platform:videoram`). Must be a whole number between 1 and 16. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#videoram Vm#videoram}
  */
  readonly videoram?: number;
  /**
  * Hyper-V enlightenments for Windows guests (`platform:viridian`). Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#viridian Vm#viridian}
  */
  readonly viridian?: boolean | cdktf.IResolvable;
  /**
  * Attach a virtual TPM (needs UEFI). Defaults to `false`. Changing it on a running VM shuts the VM down cleanly, applies the change and starts it again.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vtpm Vm#vtpm}
  */
  readonly vtpm?: boolean | cdktf.IResolvable;
  /**
  * Keys the guest reads under `vm-data/` in xenstore. Defaults to `{}`. The guest sees changes after a reboot.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#xenstore_data Vm#xenstore_data}
  */
  readonly xenstoreData?: { [key: string]: string };
  /**
  * cloud_init block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#cloud_init Vm#cloud_init}
  */
  readonly cloudInit?: VmCloudInit;
  /**
  * disk block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#disk Vm#disk}
  */
  readonly disk?: VmDisk[] | cdktf.IResolvable;
  /**
  * nic block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#nic Vm#nic}
  */
  readonly nic?: VmNic[] | cdktf.IResolvable;
  /**
  * placement block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#placement Vm#placement}
  */
  readonly placement?: VmPlacement;
  /**
  * timeouts block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#timeouts Vm#timeouts}
  */
  readonly timeouts?: VmTimeouts;
  /**
  * wait_for_ip block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#wait_for_ip Vm#wait_for_ip}
  */
  readonly waitForIp?: VmWaitForIp;
}
export interface VmCloudInit {
  /**
  * Detach and destroy the config drive once the guest reports an IP address in `wait_for_ip.cidr` (not merely "running"). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#drop_drive_after_boot Vm#drop_drive_after_boot}
  */
  readonly dropDriveAfterBoot?: boolean | cdktf.IResolvable;
  /**
  * cloud-init meta data (YAML). Defaults to the instance id and hostname. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#meta_data Vm#meta_data}
  */
  readonly metaData?: string;
  /**
  * cloud-init network configuration (version 1 or 2 YAML). Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#network_config Vm#network_config}
  */
  readonly networkConfig?: string;
  /**
  * What a later change to the cloud-init data does: `replace` the VM (the data is only read at first boot) or `ignore` it with a plan warning. Must be one of `replace`, `ignore`. Defaults to `"replace"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#on_change Vm#on_change}
  */
  readonly onChange?: string;
  /**
  * cloud-init user data (`#cloud-config` YAML or a script). Read by the guest at first boot only, so a change replaces the VM unless `on_change = "ignore"`. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#user_data Vm#user_data}
  */
  readonly userData?: string;
}

export function vmCloudInitToTerraform(struct?: VmCloudInit | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    drop_drive_after_boot: cdktf.booleanToTerraform(struct!.dropDriveAfterBoot),
    meta_data: cdktf.stringToTerraform(struct!.metaData),
    network_config: cdktf.stringToTerraform(struct!.networkConfig),
    on_change: cdktf.stringToTerraform(struct!.onChange),
    user_data: cdktf.stringToTerraform(struct!.userData),
  }
}


export function vmCloudInitToHclTerraform(struct?: VmCloudInit | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    drop_drive_after_boot: {
      value: cdktf.booleanToHclTerraform(struct!.dropDriveAfterBoot),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    meta_data: {
      value: cdktf.stringToHclTerraform(struct!.metaData),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    network_config: {
      value: cdktf.stringToHclTerraform(struct!.networkConfig),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    on_change: {
      value: cdktf.stringToHclTerraform(struct!.onChange),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    user_data: {
      value: cdktf.stringToHclTerraform(struct!.userData),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmCloudInitOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VmCloudInit | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._dropDriveAfterBoot !== undefined) {
      hasAnyValues = true;
      internalValueResult.dropDriveAfterBoot = this._dropDriveAfterBoot;
    }
    if (this._metaData !== undefined) {
      hasAnyValues = true;
      internalValueResult.metaData = this._metaData;
    }
    if (this._networkConfig !== undefined) {
      hasAnyValues = true;
      internalValueResult.networkConfig = this._networkConfig;
    }
    if (this._onChange !== undefined) {
      hasAnyValues = true;
      internalValueResult.onChange = this._onChange;
    }
    if (this._userData !== undefined) {
      hasAnyValues = true;
      internalValueResult.userData = this._userData;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmCloudInit | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._dropDriveAfterBoot = undefined;
      this._metaData = undefined;
      this._networkConfig = undefined;
      this._onChange = undefined;
      this._userData = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._dropDriveAfterBoot = value.dropDriveAfterBoot;
      this._metaData = value.metaData;
      this._networkConfig = value.networkConfig;
      this._onChange = value.onChange;
      this._userData = value.userData;
    }
  }

  // drop_drive_after_boot - computed: true, optional: true, required: false
  private _dropDriveAfterBoot?: boolean | cdktf.IResolvable; 
  public get dropDriveAfterBoot() {
    return this.getBooleanAttribute('drop_drive_after_boot');
  }
  public set dropDriveAfterBoot(value: boolean | cdktf.IResolvable) {
    this._dropDriveAfterBoot = value;
  }
  public resetDropDriveAfterBoot() {
    this._dropDriveAfterBoot = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dropDriveAfterBootInput() {
    return this._dropDriveAfterBoot;
  }

  // meta_data - computed: false, optional: true, required: false
  private _metaData?: string; 
  public get metaData() {
    return this.getStringAttribute('meta_data');
  }
  public set metaData(value: string) {
    this._metaData = value;
  }
  public resetMetaData() {
    this._metaData = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get metaDataInput() {
    return this._metaData;
  }

  // network_config - computed: false, optional: true, required: false
  private _networkConfig?: string; 
  public get networkConfig() {
    return this.getStringAttribute('network_config');
  }
  public set networkConfig(value: string) {
    this._networkConfig = value;
  }
  public resetNetworkConfig() {
    this._networkConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get networkConfigInput() {
    return this._networkConfig;
  }

  // on_change - computed: true, optional: true, required: false
  private _onChange?: string; 
  public get onChange() {
    return this.getStringAttribute('on_change');
  }
  public set onChange(value: string) {
    this._onChange = value;
  }
  public resetOnChange() {
    this._onChange = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get onChangeInput() {
    return this._onChange;
  }

  // user_data - computed: false, optional: true, required: false
  private _userData?: string; 
  public get userData() {
    return this.getStringAttribute('user_data');
  }
  public set userData(value: string) {
    this._userData = value;
  }
  public resetUserData() {
    this._userData = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get userDataInput() {
    return this._userData;
  }
}
export interface VmDisk {
  /**
  * Whether the disk is plugged into the running VM (XAPI VBD `currently_attached`). `false` unplugs it (`VBD.unplug`) and keeps it on the VM; a disk unplugged outside xcpform plans a re-plug. XAPI plugs every disk at start, so a VM that is not running reports the configured value. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#attached Vm#attached}
  */
  readonly attached?: boolean | cdktf.IResolvable;
  /**
  * Whether the VM boots from this disk (XAPI VBD `bootable`). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#bootable Vm#bootable}
  */
  readonly bootable?: boolean | cdktf.IResolvable;
  /**
  * Access mode of the VBD: `RW` or `RO`. A change unplugs and replugs the disk. Must be one of `RW`, `RO`. Defaults to `"RW"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#mode Vm#mode}
  */
  readonly mode?: string;
  /**
  * Description of the disk's VDI. A disk xcpform creates gets "Created by xcpform" unless set; other disks keep theirs until set.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#name_description Vm#name_description}
  */
  readonly nameDescription?: string;
  /**
  * Name of the disk's VDI. Defaults to "<VM name> <userdevice>".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#name_label Vm#name_label}
  */
  readonly nameLabel?: string;
  /**
  * Virtual size in bytes. Growing is done online where the SR supports it, otherwise with the disk unplugged. Must be a whole number of at least 1048576. A number of bytes. In Terraform (≥ 1.8) and xcpform write a size as `provider::xcp::size("20GiB")`; xcpform also takes the string `"20GiB"` itself. Shrinking is refused at plan time: XAPI cannot shrink a disk.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#size Vm#size}
  */
  readonly size: number;
  /**
  * UUID or name of the SR holding the disk. Defaults to the pool's default SR. A change moves the disk with storage motion, keeping its data. Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#sr Vm#sr}
  */
  readonly sr?: string;
  /**
  * Position of the disk on the VM (XAPI VBD `userdevice`, "0" is the first disk). Changing it detaches the disk and attaches a new one at the new position. Must be a device position from "0" to "15".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#userdevice Vm#userdevice}
  */
  readonly userdevice?: string;
  /**
  * UUID of an existing VDI (for example an `xcp_vdi`) to attach instead of creating a disk. xcpform never destroys a VDI it did not create.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#vdi Vm#vdi}
  */
  readonly vdi?: string;
}

export function vmDiskToTerraform(struct?: VmDisk | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    attached: cdktf.booleanToTerraform(struct!.attached),
    bootable: cdktf.booleanToTerraform(struct!.bootable),
    mode: cdktf.stringToTerraform(struct!.mode),
    name_description: cdktf.stringToTerraform(struct!.nameDescription),
    name_label: cdktf.stringToTerraform(struct!.nameLabel),
    size: cdktf.numberToTerraform(struct!.size),
    sr: cdktf.stringToTerraform(struct!.sr),
    userdevice: cdktf.stringToTerraform(struct!.userdevice),
    vdi: cdktf.stringToTerraform(struct!.vdi),
  }
}


export function vmDiskToHclTerraform(struct?: VmDisk | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    attached: {
      value: cdktf.booleanToHclTerraform(struct!.attached),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    bootable: {
      value: cdktf.booleanToHclTerraform(struct!.bootable),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    mode: {
      value: cdktf.stringToHclTerraform(struct!.mode),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name_description: {
      value: cdktf.stringToHclTerraform(struct!.nameDescription),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    name_label: {
      value: cdktf.stringToHclTerraform(struct!.nameLabel),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    size: {
      value: cdktf.numberToHclTerraform(struct!.size),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    sr: {
      value: cdktf.stringToHclTerraform(struct!.sr),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    userdevice: {
      value: cdktf.stringToHclTerraform(struct!.userdevice),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    vdi: {
      value: cdktf.stringToHclTerraform(struct!.vdi),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmDiskOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): VmDisk | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._attached !== undefined) {
      hasAnyValues = true;
      internalValueResult.attached = this._attached;
    }
    if (this._bootable !== undefined) {
      hasAnyValues = true;
      internalValueResult.bootable = this._bootable;
    }
    if (this._mode !== undefined) {
      hasAnyValues = true;
      internalValueResult.mode = this._mode;
    }
    if (this._nameDescription !== undefined) {
      hasAnyValues = true;
      internalValueResult.nameDescription = this._nameDescription;
    }
    if (this._nameLabel !== undefined) {
      hasAnyValues = true;
      internalValueResult.nameLabel = this._nameLabel;
    }
    if (this._size !== undefined) {
      hasAnyValues = true;
      internalValueResult.size = this._size;
    }
    if (this._sr !== undefined) {
      hasAnyValues = true;
      internalValueResult.sr = this._sr;
    }
    if (this._userdevice !== undefined) {
      hasAnyValues = true;
      internalValueResult.userdevice = this._userdevice;
    }
    if (this._vdi !== undefined) {
      hasAnyValues = true;
      internalValueResult.vdi = this._vdi;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmDisk | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._attached = undefined;
      this._bootable = undefined;
      this._mode = undefined;
      this._nameDescription = undefined;
      this._nameLabel = undefined;
      this._size = undefined;
      this._sr = undefined;
      this._userdevice = undefined;
      this._vdi = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._attached = value.attached;
      this._bootable = value.bootable;
      this._mode = value.mode;
      this._nameDescription = value.nameDescription;
      this._nameLabel = value.nameLabel;
      this._size = value.size;
      this._sr = value.sr;
      this._userdevice = value.userdevice;
      this._vdi = value.vdi;
    }
  }

  // attached - computed: true, optional: true, required: false
  private _attached?: boolean | cdktf.IResolvable; 
  public get attached() {
    return this.getBooleanAttribute('attached');
  }
  public set attached(value: boolean | cdktf.IResolvable) {
    this._attached = value;
  }
  public resetAttached() {
    this._attached = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get attachedInput() {
    return this._attached;
  }

  // bootable - computed: true, optional: true, required: false
  private _bootable?: boolean | cdktf.IResolvable; 
  public get bootable() {
    return this.getBooleanAttribute('bootable');
  }
  public set bootable(value: boolean | cdktf.IResolvable) {
    this._bootable = value;
  }
  public resetBootable() {
    this._bootable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bootableInput() {
    return this._bootable;
  }

  // mode - computed: true, optional: true, required: false
  private _mode?: string; 
  public get mode() {
    return this.getStringAttribute('mode');
  }
  public set mode(value: string) {
    this._mode = value;
  }
  public resetMode() {
    this._mode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get modeInput() {
    return this._mode;
  }

  // name_description - computed: true, optional: true, required: false
  private _nameDescription?: string; 
  public get nameDescription() {
    return this.getStringAttribute('name_description');
  }
  public set nameDescription(value: string) {
    this._nameDescription = value;
  }
  public resetNameDescription() {
    this._nameDescription = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameDescriptionInput() {
    return this._nameDescription;
  }

  // name_label - computed: true, optional: true, required: false
  private _nameLabel?: string; 
  public get nameLabel() {
    return this.getStringAttribute('name_label');
  }
  public set nameLabel(value: string) {
    this._nameLabel = value;
  }
  public resetNameLabel() {
    this._nameLabel = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameLabelInput() {
    return this._nameLabel;
  }

  // size - computed: false, optional: false, required: true
  private _size?: number; 
  public get size() {
    return this.getNumberAttribute('size');
  }
  public set size(value: number) {
    this._size = value;
  }
  // Temporarily expose input value. Use with caution.
  public get sizeInput() {
    return this._size;
  }

  // sr - computed: true, optional: true, required: false
  private _sr?: string; 
  public get sr() {
    return this.getStringAttribute('sr');
  }
  public set sr(value: string) {
    this._sr = value;
  }
  public resetSr() {
    this._sr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get srInput() {
    return this._sr;
  }

  // userdevice - computed: true, optional: true, required: false
  private _userdevice?: string; 
  public get userdevice() {
    return this.getStringAttribute('userdevice');
  }
  public set userdevice(value: string) {
    this._userdevice = value;
  }
  public resetUserdevice() {
    this._userdevice = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get userdeviceInput() {
    return this._userdevice;
  }

  // vbd_uuid - computed: true, optional: false, required: false
  public get vbdUuid() {
    return this.getStringAttribute('vbd_uuid');
  }

  // vdi - computed: false, optional: true, required: false
  private _vdi?: string; 
  public get vdi() {
    return this.getStringAttribute('vdi');
  }
  public set vdi(value: string) {
    this._vdi = value;
  }
  public resetVdi() {
    this._vdi = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vdiInput() {
    return this._vdi;
  }

  // vdi_uuid - computed: true, optional: false, required: false
  public get vdiUuid() {
    return this.getStringAttribute('vdi_uuid');
  }
}

export class VmDiskList extends cdktf.ComplexList {
  public internalValue? : VmDisk[] | cdktf.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): VmDiskOutputReference {
    return new VmDiskOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface VmNic {
  /**
  * Whether the interface is plugged into the running VM (XAPI VIF `currently_attached`). `false` unplugs it (`VIF.unplug`) and keeps it on the VM; an interface unplugged outside xcpform plans a re-plug. XAPI plugs every interface at start, so a VM that is not running reports the configured value. Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#attached Vm#attached}
  */
  readonly attached?: boolean | cdktf.IResolvable;
  /**
  * Position of the interface ("0" is eth0 in the guest). Changing it replaces the VIF. Must be a position from "0" to "9".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#device Vm#device}
  */
  readonly device?: string;
  /**
  * IPv4 addresses the VIF may use when `locking_mode` is `locked`. Must be an IPv4 address. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#ipv4_allowed Vm#ipv4_allowed}
  */
  readonly ipv4Allowed?: string[];
  /**
  * IPv6 addresses the VIF may use when `locking_mode` is `locked`. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#ipv6_allowed Vm#ipv6_allowed}
  */
  readonly ipv6Allowed?: string[];
  /**
  * VIF locking mode (`network_default`, `locked`, `unlocked`, `disabled`). Must be one of `network_default`, `locked`, `unlocked`, `disabled`. Defaults to `"network_default"`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#locking_mode Vm#locking_mode}
  */
  readonly lockingMode?: string;
  /**
  * MAC address, with colons or dashes in any case (`aa:bb:cc:dd:ee:ff`, `AA-BB-CC-DD-EE-FF`: the same address). Generated by XAPI when left out. Changing it replaces the VIF: the guest sees a new interface. Must be a MAC address such as "aa:bb:cc:dd:ee:ff" or "AA-BB-CC-DD-EE-FF".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#mac Vm#mac}
  */
  readonly mac?: string;
  /**
  * MTU of the VIF. Defaults to the network's MTU. Must be a whole number between 68 and 9216.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#mtu Vm#mtu}
  */
  readonly mtu?: number;
  /**
  * UUID or name of the network. A change moves the VIF with `VIF.move`, keeping its MAC address and UUID. A network of another pool is reached over the `xcp_vpn_link` joining the pools: the VIF goes on the link's network in the VM's pool, and this attribute keeps the configured network.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#network Vm#network}
  */
  readonly network: string;
  /**
  * Outbound rate limit in kB/s (XAPI `qos_algorithm_type` ratelimit). Applied when the VIF is next plugged. Must be a whole number of at least 1.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#rate_limit_kbps Vm#rate_limit_kbps}
  */
  readonly rateLimitKbps?: number;
  /**
  * Wait after create and start until the guest reports an IPv4 address on this interface inside this network (`0.0.0.0/0`: any address). The deadline is `wait_for_ip.timeout` (300 s without that block). Must be an IPv4 CIDR block.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#wait_for_ip Vm#wait_for_ip}
  */
  readonly waitForIp?: string;
}

export function vmNicToTerraform(struct?: VmNic | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    attached: cdktf.booleanToTerraform(struct!.attached),
    device: cdktf.stringToTerraform(struct!.device),
    ipv4_allowed: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.ipv4Allowed),
    ipv6_allowed: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.ipv6Allowed),
    locking_mode: cdktf.stringToTerraform(struct!.lockingMode),
    mac: cdktf.stringToTerraform(struct!.mac),
    mtu: cdktf.numberToTerraform(struct!.mtu),
    network: cdktf.stringToTerraform(struct!.network),
    rate_limit_kbps: cdktf.numberToTerraform(struct!.rateLimitKbps),
    wait_for_ip: cdktf.stringToTerraform(struct!.waitForIp),
  }
}


export function vmNicToHclTerraform(struct?: VmNic | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    attached: {
      value: cdktf.booleanToHclTerraform(struct!.attached),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    device: {
      value: cdktf.stringToHclTerraform(struct!.device),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    ipv4_allowed: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.ipv4Allowed),
      isBlock: false,
      type: "set",
      storageClassType: "stringList",
    },
    ipv6_allowed: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.ipv6Allowed),
      isBlock: false,
      type: "set",
      storageClassType: "stringList",
    },
    locking_mode: {
      value: cdktf.stringToHclTerraform(struct!.lockingMode),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    mac: {
      value: cdktf.stringToHclTerraform(struct!.mac),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    mtu: {
      value: cdktf.numberToHclTerraform(struct!.mtu),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    network: {
      value: cdktf.stringToHclTerraform(struct!.network),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    rate_limit_kbps: {
      value: cdktf.numberToHclTerraform(struct!.rateLimitKbps),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    wait_for_ip: {
      value: cdktf.stringToHclTerraform(struct!.waitForIp),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmNicOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param complexObjectIndex the index of this item in the list
  * @param complexObjectIsFromSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string, complexObjectIndex: number, complexObjectIsFromSet: boolean) {
    super(terraformResource, terraformAttribute, complexObjectIsFromSet, complexObjectIndex);
  }

  public get internalValue(): VmNic | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._attached !== undefined) {
      hasAnyValues = true;
      internalValueResult.attached = this._attached;
    }
    if (this._device !== undefined) {
      hasAnyValues = true;
      internalValueResult.device = this._device;
    }
    if (this._ipv4Allowed !== undefined) {
      hasAnyValues = true;
      internalValueResult.ipv4Allowed = this._ipv4Allowed;
    }
    if (this._ipv6Allowed !== undefined) {
      hasAnyValues = true;
      internalValueResult.ipv6Allowed = this._ipv6Allowed;
    }
    if (this._lockingMode !== undefined) {
      hasAnyValues = true;
      internalValueResult.lockingMode = this._lockingMode;
    }
    if (this._mac !== undefined) {
      hasAnyValues = true;
      internalValueResult.mac = this._mac;
    }
    if (this._mtu !== undefined) {
      hasAnyValues = true;
      internalValueResult.mtu = this._mtu;
    }
    if (this._network !== undefined) {
      hasAnyValues = true;
      internalValueResult.network = this._network;
    }
    if (this._rateLimitKbps !== undefined) {
      hasAnyValues = true;
      internalValueResult.rateLimitKbps = this._rateLimitKbps;
    }
    if (this._waitForIp !== undefined) {
      hasAnyValues = true;
      internalValueResult.waitForIp = this._waitForIp;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmNic | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._attached = undefined;
      this._device = undefined;
      this._ipv4Allowed = undefined;
      this._ipv6Allowed = undefined;
      this._lockingMode = undefined;
      this._mac = undefined;
      this._mtu = undefined;
      this._network = undefined;
      this._rateLimitKbps = undefined;
      this._waitForIp = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._attached = value.attached;
      this._device = value.device;
      this._ipv4Allowed = value.ipv4Allowed;
      this._ipv6Allowed = value.ipv6Allowed;
      this._lockingMode = value.lockingMode;
      this._mac = value.mac;
      this._mtu = value.mtu;
      this._network = value.network;
      this._rateLimitKbps = value.rateLimitKbps;
      this._waitForIp = value.waitForIp;
    }
  }

  // attached - computed: true, optional: true, required: false
  private _attached?: boolean | cdktf.IResolvable; 
  public get attached() {
    return this.getBooleanAttribute('attached');
  }
  public set attached(value: boolean | cdktf.IResolvable) {
    this._attached = value;
  }
  public resetAttached() {
    this._attached = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get attachedInput() {
    return this._attached;
  }

  // device - computed: true, optional: true, required: false
  private _device?: string; 
  public get device() {
    return this.getStringAttribute('device');
  }
  public set device(value: string) {
    this._device = value;
  }
  public resetDevice() {
    this._device = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deviceInput() {
    return this._device;
  }

  // ipv4_allowed - computed: true, optional: true, required: false
  private _ipv4Allowed?: string[]; 
  public get ipv4Allowed() {
    return cdktf.Fn.tolist(this.getListAttribute('ipv4_allowed'));
  }
  public set ipv4Allowed(value: string[]) {
    this._ipv4Allowed = value;
  }
  public resetIpv4Allowed() {
    this._ipv4Allowed = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ipv4AllowedInput() {
    return this._ipv4Allowed;
  }

  // ipv6_allowed - computed: true, optional: true, required: false
  private _ipv6Allowed?: string[]; 
  public get ipv6Allowed() {
    return cdktf.Fn.tolist(this.getListAttribute('ipv6_allowed'));
  }
  public set ipv6Allowed(value: string[]) {
    this._ipv6Allowed = value;
  }
  public resetIpv6Allowed() {
    this._ipv6Allowed = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ipv6AllowedInput() {
    return this._ipv6Allowed;
  }

  // locking_mode - computed: true, optional: true, required: false
  private _lockingMode?: string; 
  public get lockingMode() {
    return this.getStringAttribute('locking_mode');
  }
  public set lockingMode(value: string) {
    this._lockingMode = value;
  }
  public resetLockingMode() {
    this._lockingMode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get lockingModeInput() {
    return this._lockingMode;
  }

  // mac - computed: true, optional: true, required: false
  private _mac?: string; 
  public get mac() {
    return this.getStringAttribute('mac');
  }
  public set mac(value: string) {
    this._mac = value;
  }
  public resetMac() {
    this._mac = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get macInput() {
    return this._mac;
  }

  // mtu - computed: true, optional: true, required: false
  private _mtu?: number; 
  public get mtu() {
    return this.getNumberAttribute('mtu');
  }
  public set mtu(value: number) {
    this._mtu = value;
  }
  public resetMtu() {
    this._mtu = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mtuInput() {
    return this._mtu;
  }

  // network - computed: false, optional: false, required: true
  private _network?: string; 
  public get network() {
    return this.getStringAttribute('network');
  }
  public set network(value: string) {
    this._network = value;
  }
  // Temporarily expose input value. Use with caution.
  public get networkInput() {
    return this._network;
  }

  // rate_limit_kbps - computed: false, optional: true, required: false
  private _rateLimitKbps?: number; 
  public get rateLimitKbps() {
    return this.getNumberAttribute('rate_limit_kbps');
  }
  public set rateLimitKbps(value: number) {
    this._rateLimitKbps = value;
  }
  public resetRateLimitKbps() {
    this._rateLimitKbps = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get rateLimitKbpsInput() {
    return this._rateLimitKbps;
  }

  // vif_uuid - computed: true, optional: false, required: false
  public get vifUuid() {
    return this.getStringAttribute('vif_uuid');
  }

  // wait_for_ip - computed: false, optional: true, required: false
  private _waitForIp?: string; 
  public get waitForIp() {
    return this.getStringAttribute('wait_for_ip');
  }
  public set waitForIp(value: string) {
    this._waitForIp = value;
  }
  public resetWaitForIp() {
    this._waitForIp = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitForIpInput() {
    return this._waitForIp;
  }
}

export class VmNicList extends cdktf.ComplexList {
  public internalValue? : VmNic[] | cdktf.IResolvable

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  * @param wrapsSet whether the list is wrapping a set (will add tolist() to be able to access an item via an index)
  */
  constructor(protected terraformResource: cdktf.IInterpolatingParent, protected terraformAttribute: string, protected wrapsSet: boolean) {
    super(terraformResource, terraformAttribute, wrapsSet)
  }

  /**
  * @param index the index of the item to return
  */
  public get(index: number): VmNicOutputReference {
    return new VmNicOutputReference(this.terraformResource, this.terraformAttribute, index, this.wrapsSet);
  }
}
export interface VmPlacement {
  /**
  * Candidate pools, in order of preference (keys of the provider's `pools`). Must be length between 1 and any. Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#pools Vm#pools}
  */
  readonly pools: string[];
  /**
  * SR (name or UUID) per pool for the disks of a VM placed or moved into that pool, e.g. `{ cloud1 = "ssd" }`. Defaults to the pool's default SR. Defaults to `{}`. Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#sr_map Vm#sr_map}
  */
  readonly srMap?: { [key: string]: string };
  /**
  * `fill-first` fills the first pool before using the next one; `spread` picks the pool and host with the most free memory. Must be one of `fill-first`, `spread`. Defaults to `"fill-first"`. Changing it migrates the object live (no rebuild).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#strategy Vm#strategy}
  */
  readonly strategy?: string;
}

export function vmPlacementToTerraform(struct?: VmPlacement | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    pools: cdktf.listMapper(cdktf.stringToTerraform, false)(struct!.pools),
    sr_map: cdktf.hashMapper(cdktf.stringToTerraform)(struct!.srMap),
    strategy: cdktf.stringToTerraform(struct!.strategy),
  }
}


export function vmPlacementToHclTerraform(struct?: VmPlacement | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    pools: {
      value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(struct!.pools),
      isBlock: false,
      type: "list",
      storageClassType: "stringList",
    },
    sr_map: {
      value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(struct!.srMap),
      isBlock: false,
      type: "map",
      storageClassType: "stringMap",
    },
    strategy: {
      value: cdktf.stringToHclTerraform(struct!.strategy),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmPlacementOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VmPlacement | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._pools !== undefined) {
      hasAnyValues = true;
      internalValueResult.pools = this._pools;
    }
    if (this._srMap !== undefined) {
      hasAnyValues = true;
      internalValueResult.srMap = this._srMap;
    }
    if (this._strategy !== undefined) {
      hasAnyValues = true;
      internalValueResult.strategy = this._strategy;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmPlacement | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._pools = undefined;
      this._srMap = undefined;
      this._strategy = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._pools = value.pools;
      this._srMap = value.srMap;
      this._strategy = value.strategy;
    }
  }

  // pools - computed: false, optional: false, required: true
  private _pools?: string[]; 
  public get pools() {
    return this.getListAttribute('pools');
  }
  public set pools(value: string[]) {
    this._pools = value;
  }
  // Temporarily expose input value. Use with caution.
  public get poolsInput() {
    return this._pools;
  }

  // sr_map - computed: true, optional: true, required: false
  private _srMap?: { [key: string]: string }; 
  public get srMap() {
    return this.getStringMapAttribute('sr_map');
  }
  public set srMap(value: { [key: string]: string }) {
    this._srMap = value;
  }
  public resetSrMap() {
    this._srMap = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get srMapInput() {
    return this._srMap;
  }

  // strategy - computed: true, optional: true, required: false
  private _strategy?: string; 
  public get strategy() {
    return this.getStringAttribute('strategy');
  }
  public set strategy(value: string) {
    this._strategy = value;
  }
  public resetStrategy() {
    this._strategy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get strategyInput() {
    return this._strategy;
  }
}
export interface VmTimeouts {
  /**
  * Longest time the create (with the copies, imports and waits it makes) may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#create Vm#create}
  */
  readonly create?: string;
  /**
  * Longest time the destroy may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#delete Vm#delete}
  */
  readonly delete?: string;
  /**
  * Longest time an update or migration may take. Must be a duration such as "30s", "10m" or "1h30m".
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#update Vm#update}
  */
  readonly update?: string;
}

export function vmTimeoutsToTerraform(struct?: VmTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    create: cdktf.stringToTerraform(struct!.create),
    delete: cdktf.stringToTerraform(struct!.delete),
    update: cdktf.stringToTerraform(struct!.update),
  }
}


export function vmTimeoutsToHclTerraform(struct?: VmTimeouts | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    create: {
      value: cdktf.stringToHclTerraform(struct!.create),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    delete: {
      value: cdktf.stringToHclTerraform(struct!.delete),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    update: {
      value: cdktf.stringToHclTerraform(struct!.update),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmTimeoutsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VmTimeouts | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._create !== undefined) {
      hasAnyValues = true;
      internalValueResult.create = this._create;
    }
    if (this._delete !== undefined) {
      hasAnyValues = true;
      internalValueResult.delete = this._delete;
    }
    if (this._update !== undefined) {
      hasAnyValues = true;
      internalValueResult.update = this._update;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmTimeouts | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._create = undefined;
      this._delete = undefined;
      this._update = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._create = value.create;
      this._delete = value.delete;
      this._update = value.update;
    }
  }

  // create - computed: false, optional: true, required: false
  private _create?: string; 
  public get create() {
    return this.getStringAttribute('create');
  }
  public set create(value: string) {
    this._create = value;
  }
  public resetCreate() {
    this._create = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createInput() {
    return this._create;
  }

  // delete - computed: false, optional: true, required: false
  private _delete?: string; 
  public get delete() {
    return this.getStringAttribute('delete');
  }
  public set delete(value: string) {
    this._delete = value;
  }
  public resetDelete() {
    this._delete = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get deleteInput() {
    return this._delete;
  }

  // update - computed: false, optional: true, required: false
  private _update?: string; 
  public get update() {
    return this.getStringAttribute('update');
  }
  public set update(value: string) {
    this._update = value;
  }
  public resetUpdate() {
    this._update = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get updateInput() {
    return this._update;
  }
}
export interface VmWaitForIp {
  /**
  * Only an address inside this IPv4 network counts. Any address counts when left out. Must be an IPv4 CIDR block.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#cidr Vm#cidr}
  */
  readonly cidr?: string;
  /**
  * Seconds to wait before the create fails. Must be a whole number between 1 and 86400. Defaults to `300`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#timeout Vm#timeout}
  */
  readonly timeout?: number;
}

export function vmWaitForIpToTerraform(struct?: VmWaitForIp | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    cidr: cdktf.stringToTerraform(struct!.cidr),
    timeout: cdktf.numberToTerraform(struct!.timeout),
  }
}


export function vmWaitForIpToHclTerraform(struct?: VmWaitForIp | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    cidr: {
      value: cdktf.stringToHclTerraform(struct!.cidr),
      isBlock: false,
      type: "simple",
      storageClassType: "string",
    },
    timeout: {
      value: cdktf.numberToHclTerraform(struct!.timeout),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VmWaitForIpOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VmWaitForIp | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._cidr !== undefined) {
      hasAnyValues = true;
      internalValueResult.cidr = this._cidr;
    }
    if (this._timeout !== undefined) {
      hasAnyValues = true;
      internalValueResult.timeout = this._timeout;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VmWaitForIp | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._cidr = undefined;
      this._timeout = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._cidr = value.cidr;
      this._timeout = value.timeout;
    }
  }

  // cidr - computed: false, optional: true, required: false
  private _cidr?: string; 
  public get cidr() {
    return this.getStringAttribute('cidr');
  }
  public set cidr(value: string) {
    this._cidr = value;
  }
  public resetCidr() {
    this._cidr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cidrInput() {
    return this._cidr;
  }

  // timeout - computed: true, optional: true, required: false
  private _timeout?: number; 
  public get timeout() {
    return this.getNumberAttribute('timeout');
  }
  public set timeout(value: number) {
    this._timeout = value;
  }
  public resetTimeout() {
    this._timeout = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutInput() {
    return this._timeout;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm xcp_vm}
*/
export class Vm extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_vm";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Vm resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Vm to import
  * @param importFromId The id of the existing Vm that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Vm to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_vm", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/vm xcp_vm} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VmConfig
  */
  public constructor(scope: Construct, id: string, config: VmConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_vm',
      terraformGeneratorMetadata: {
        providerName: 'xcp',
        providerVersionConstraint: '~> 0.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._actionsAfterCrash = config.actionsAfterCrash;
    this._actionsAfterReboot = config.actionsAfterReboot;
    this._actionsAfterShutdown = config.actionsAfterShutdown;
    this._affinity = config.affinity;
    this._allowRestart = config.allowRestart;
    this._appliance = config.appliance;
    this._autoPoweron = config.autoPoweron;
    this._blockedOperations = config.blockedOperations;
    this._bootOrder = config.bootOrder;
    this._cdrom = config.cdrom;
    this._cloneType = config.cloneType;
    this._coresPerSocket = config.coresPerSocket;
    this._firmware = config.firmware;
    this._forceShutdown = config.forceShutdown;
    this._haRestartPriority = config.haRestartPriority;
    this._hasVendorDevice = config.hasVendorDevice;
    this._host = config.host;
    this._hvmShadowMultiplier = config.hvmShadowMultiplier;
    this._installationMethod = config.installationMethod;
    this._isTemplate = config.isTemplate;
    this._memory = config.memory;
    this._memoryDynamicMax = config.memoryDynamicMax;
    this._memoryDynamicMin = config.memoryDynamicMin;
    this._memoryStaticMin = config.memoryStaticMin;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._nestedHvm = config.nestedHvm;
    this._otherConfig = config.otherConfig;
    this._pool = config.pool;
    this._powerState = config.powerState;
    this._secureBoot = config.secureBoot;
    this._shutdownDelay = config.shutdownDelay;
    this._shutdownTimeout = config.shutdownTimeout;
    this._startDelay = config.startDelay;
    this._startOrder = config.startOrder;
    this._suspendSr = config.suspendSr;
    this._tags = config.tags;
    this._template = config.template;
    this._vcpuCap = config.vcpuCap;
    this._vcpuWeight = config.vcpuWeight;
    this._vcpus = config.vcpus;
    this._vcpusMax = config.vcpusMax;
    this._vga = config.vga;
    this._videoram = config.videoram;
    this._viridian = config.viridian;
    this._vtpm = config.vtpm;
    this._xenstoreData = config.xenstoreData;
    this._cloudInit.internalValue = config.cloudInit;
    this._disk.internalValue = config.disk;
    this._nic.internalValue = config.nic;
    this._placement.internalValue = config.placement;
    this._timeouts.internalValue = config.timeouts;
    this._waitForIp.internalValue = config.waitForIp;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // actions_after_crash - computed: true, optional: true, required: false
  private _actionsAfterCrash?: string; 
  public get actionsAfterCrash() {
    return this.getStringAttribute('actions_after_crash');
  }
  public set actionsAfterCrash(value: string) {
    this._actionsAfterCrash = value;
  }
  public resetActionsAfterCrash() {
    this._actionsAfterCrash = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get actionsAfterCrashInput() {
    return this._actionsAfterCrash;
  }

  // actions_after_reboot - computed: true, optional: true, required: false
  private _actionsAfterReboot?: string; 
  public get actionsAfterReboot() {
    return this.getStringAttribute('actions_after_reboot');
  }
  public set actionsAfterReboot(value: string) {
    this._actionsAfterReboot = value;
  }
  public resetActionsAfterReboot() {
    this._actionsAfterReboot = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get actionsAfterRebootInput() {
    return this._actionsAfterReboot;
  }

  // actions_after_shutdown - computed: true, optional: true, required: false
  private _actionsAfterShutdown?: string; 
  public get actionsAfterShutdown() {
    return this.getStringAttribute('actions_after_shutdown');
  }
  public set actionsAfterShutdown(value: string) {
    this._actionsAfterShutdown = value;
  }
  public resetActionsAfterShutdown() {
    this._actionsAfterShutdown = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get actionsAfterShutdownInput() {
    return this._actionsAfterShutdown;
  }

  // affinity - computed: false, optional: true, required: false
  private _affinity?: string; 
  public get affinity() {
    return this.getStringAttribute('affinity');
  }
  public set affinity(value: string) {
    this._affinity = value;
  }
  public resetAffinity() {
    this._affinity = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get affinityInput() {
    return this._affinity;
  }

  // allow_restart - computed: true, optional: true, required: false
  private _allowRestart?: boolean | cdktf.IResolvable; 
  public get allowRestart() {
    return this.getBooleanAttribute('allow_restart');
  }
  public set allowRestart(value: boolean | cdktf.IResolvable) {
    this._allowRestart = value;
  }
  public resetAllowRestart() {
    this._allowRestart = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowRestartInput() {
    return this._allowRestart;
  }

  // allowed_operations - computed: true, optional: false, required: false
  public get allowedOperations() {
    return this.getListAttribute('allowed_operations');
  }

  // appliance - computed: false, optional: true, required: false
  private _appliance?: string; 
  public get appliance() {
    return this.getStringAttribute('appliance');
  }
  public set appliance(value: string) {
    this._appliance = value;
  }
  public resetAppliance() {
    this._appliance = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get applianceInput() {
    return this._appliance;
  }

  // auto_poweron - computed: true, optional: true, required: false
  private _autoPoweron?: boolean | cdktf.IResolvable; 
  public get autoPoweron() {
    return this.getBooleanAttribute('auto_poweron');
  }
  public set autoPoweron(value: boolean | cdktf.IResolvable) {
    this._autoPoweron = value;
  }
  public resetAutoPoweron() {
    this._autoPoweron = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get autoPoweronInput() {
    return this._autoPoweron;
  }

  // blocked_operations - computed: true, optional: true, required: false
  private _blockedOperations?: { [key: string]: string }; 
  public get blockedOperations() {
    return this.getStringMapAttribute('blocked_operations');
  }
  public set blockedOperations(value: { [key: string]: string }) {
    this._blockedOperations = value;
  }
  public resetBlockedOperations() {
    this._blockedOperations = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get blockedOperationsInput() {
    return this._blockedOperations;
  }

  // boot_order - computed: true, optional: true, required: false
  private _bootOrder?: string; 
  public get bootOrder() {
    return this.getStringAttribute('boot_order');
  }
  public set bootOrder(value: string) {
    this._bootOrder = value;
  }
  public resetBootOrder() {
    this._bootOrder = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bootOrderInput() {
    return this._bootOrder;
  }

  // cdrom - computed: false, optional: true, required: false
  private _cdrom?: string; 
  public get cdrom() {
    return this.getStringAttribute('cdrom');
  }
  public set cdrom(value: string) {
    this._cdrom = value;
  }
  public resetCdrom() {
    this._cdrom = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cdromInput() {
    return this._cdrom;
  }

  // clone_type - computed: true, optional: true, required: false
  private _cloneType?: string; 
  public get cloneType() {
    return this.getStringAttribute('clone_type');
  }
  public set cloneType(value: string) {
    this._cloneType = value;
  }
  public resetCloneType() {
    this._cloneType = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cloneTypeInput() {
    return this._cloneType;
  }

  // cores_per_socket - computed: true, optional: true, required: false
  private _coresPerSocket?: number; 
  public get coresPerSocket() {
    return this.getNumberAttribute('cores_per_socket');
  }
  public set coresPerSocket(value: number) {
    this._coresPerSocket = value;
  }
  public resetCoresPerSocket() {
    this._coresPerSocket = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get coresPerSocketInput() {
    return this._coresPerSocket;
  }

  // domid - computed: true, optional: false, required: false
  public get domid() {
    return this.getNumberAttribute('domid');
  }

  // firmware - computed: true, optional: true, required: false
  private _firmware?: string; 
  public get firmware() {
    return this.getStringAttribute('firmware');
  }
  public set firmware(value: string) {
    this._firmware = value;
  }
  public resetFirmware() {
    this._firmware = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get firmwareInput() {
    return this._firmware;
  }

  // force_shutdown - computed: true, optional: true, required: false
  private _forceShutdown?: boolean | cdktf.IResolvable; 
  public get forceShutdown() {
    return this.getBooleanAttribute('force_shutdown');
  }
  public set forceShutdown(value: boolean | cdktf.IResolvable) {
    this._forceShutdown = value;
  }
  public resetForceShutdown() {
    this._forceShutdown = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get forceShutdownInput() {
    return this._forceShutdown;
  }

  // ha_restart_priority - computed: true, optional: true, required: false
  private _haRestartPriority?: string; 
  public get haRestartPriority() {
    return this.getStringAttribute('ha_restart_priority');
  }
  public set haRestartPriority(value: string) {
    this._haRestartPriority = value;
  }
  public resetHaRestartPriority() {
    this._haRestartPriority = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get haRestartPriorityInput() {
    return this._haRestartPriority;
  }

  // has_vendor_device - computed: true, optional: true, required: false
  private _hasVendorDevice?: boolean | cdktf.IResolvable; 
  public get hasVendorDevice() {
    return this.getBooleanAttribute('has_vendor_device');
  }
  public set hasVendorDevice(value: boolean | cdktf.IResolvable) {
    this._hasVendorDevice = value;
  }
  public resetHasVendorDevice() {
    this._hasVendorDevice = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hasVendorDeviceInput() {
    return this._hasVendorDevice;
  }

  // host - computed: true, optional: true, required: false
  private _host?: string; 
  public get host() {
    return this.getStringAttribute('host');
  }
  public set host(value: string) {
    this._host = value;
  }
  public resetHost() {
    this._host = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostInput() {
    return this._host;
  }

  // hvm_shadow_multiplier - computed: true, optional: true, required: false
  private _hvmShadowMultiplier?: number; 
  public get hvmShadowMultiplier() {
    return this.getNumberAttribute('hvm_shadow_multiplier');
  }
  public set hvmShadowMultiplier(value: number) {
    this._hvmShadowMultiplier = value;
  }
  public resetHvmShadowMultiplier() {
    this._hvmShadowMultiplier = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hvmShadowMultiplierInput() {
    return this._hvmShadowMultiplier;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // installation_method - computed: true, optional: true, required: false
  private _installationMethod?: string; 
  public get installationMethod() {
    return this.getStringAttribute('installation_method');
  }
  public set installationMethod(value: string) {
    this._installationMethod = value;
  }
  public resetInstallationMethod() {
    this._installationMethod = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get installationMethodInput() {
    return this._installationMethod;
  }

  // ip_address - computed: true, optional: false, required: false
  public get ipAddress() {
    return this.getStringAttribute('ip_address');
  }

  // ip_addresses - computed: true, optional: false, required: false
  public get ipAddresses() {
    return this.getListAttribute('ip_addresses');
  }

  // is_template - computed: true, optional: true, required: false
  private _isTemplate?: boolean | cdktf.IResolvable; 
  public get isTemplate() {
    return this.getBooleanAttribute('is_template');
  }
  public set isTemplate(value: boolean | cdktf.IResolvable) {
    this._isTemplate = value;
  }
  public resetIsTemplate() {
    this._isTemplate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get isTemplateInput() {
    return this._isTemplate;
  }

  // memory - computed: true, optional: true, required: false
  private _memory?: number; 
  public get memory() {
    return this.getNumberAttribute('memory');
  }
  public set memory(value: number) {
    this._memory = value;
  }
  public resetMemory() {
    this._memory = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get memoryInput() {
    return this._memory;
  }

  // memory_dynamic_max - computed: true, optional: true, required: false
  private _memoryDynamicMax?: number; 
  public get memoryDynamicMax() {
    return this.getNumberAttribute('memory_dynamic_max');
  }
  public set memoryDynamicMax(value: number) {
    this._memoryDynamicMax = value;
  }
  public resetMemoryDynamicMax() {
    this._memoryDynamicMax = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get memoryDynamicMaxInput() {
    return this._memoryDynamicMax;
  }

  // memory_dynamic_min - computed: true, optional: true, required: false
  private _memoryDynamicMin?: number; 
  public get memoryDynamicMin() {
    return this.getNumberAttribute('memory_dynamic_min');
  }
  public set memoryDynamicMin(value: number) {
    this._memoryDynamicMin = value;
  }
  public resetMemoryDynamicMin() {
    this._memoryDynamicMin = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get memoryDynamicMinInput() {
    return this._memoryDynamicMin;
  }

  // memory_static_min - computed: true, optional: true, required: false
  private _memoryStaticMin?: number; 
  public get memoryStaticMin() {
    return this.getNumberAttribute('memory_static_min');
  }
  public set memoryStaticMin(value: number) {
    this._memoryStaticMin = value;
  }
  public resetMemoryStaticMin() {
    this._memoryStaticMin = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get memoryStaticMinInput() {
    return this._memoryStaticMin;
  }

  // monthly_cost - computed: true, optional: false, required: false
  public get monthlyCost() {
    return this.getNumberAttribute('monthly_cost');
  }

  // name_description - computed: true, optional: true, required: false
  private _nameDescription?: string; 
  public get nameDescription() {
    return this.getStringAttribute('name_description');
  }
  public set nameDescription(value: string) {
    this._nameDescription = value;
  }
  public resetNameDescription() {
    this._nameDescription = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nameDescriptionInput() {
    return this._nameDescription;
  }

  // name_label - computed: false, optional: false, required: true
  private _nameLabel?: string; 
  public get nameLabel() {
    return this.getStringAttribute('name_label');
  }
  public set nameLabel(value: string) {
    this._nameLabel = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameLabelInput() {
    return this._nameLabel;
  }

  // nested_hvm - computed: true, optional: true, required: false
  private _nestedHvm?: boolean | cdktf.IResolvable; 
  public get nestedHvm() {
    return this.getBooleanAttribute('nested_hvm');
  }
  public set nestedHvm(value: boolean | cdktf.IResolvable) {
    this._nestedHvm = value;
  }
  public resetNestedHvm() {
    this._nestedHvm = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nestedHvmInput() {
    return this._nestedHvm;
  }

  // os_version - computed: true, optional: false, required: false
  private _osVersion = new cdktf.StringMap(this, "os_version");
  public get osVersion() {
    return this._osVersion;
  }

  // other_config - computed: true, optional: true, required: false
  private _otherConfig?: { [key: string]: string }; 
  public get otherConfig() {
    return this.getStringMapAttribute('other_config');
  }
  public set otherConfig(value: { [key: string]: string }) {
    this._otherConfig = value;
  }
  public resetOtherConfig() {
    this._otherConfig = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get otherConfigInput() {
    return this._otherConfig;
  }

  // pool - computed: true, optional: true, required: false
  private _pool?: string; 
  public get pool() {
    return this.getStringAttribute('pool');
  }
  public set pool(value: string) {
    this._pool = value;
  }
  public resetPool() {
    this._pool = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get poolInput() {
    return this._pool;
  }

  // power_state - computed: true, optional: true, required: false
  private _powerState?: string; 
  public get powerState() {
    return this.getStringAttribute('power_state');
  }
  public set powerState(value: string) {
    this._powerState = value;
  }
  public resetPowerState() {
    this._powerState = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get powerStateInput() {
    return this._powerState;
  }

  // pv_drivers_version - computed: true, optional: false, required: false
  private _pvDriversVersion = new cdktf.StringMap(this, "pv_drivers_version");
  public get pvDriversVersion() {
    return this._pvDriversVersion;
  }

  // requires_reboot - computed: true, optional: false, required: false
  public get requiresReboot() {
    return this.getBooleanAttribute('requires_reboot');
  }

  // secure_boot - computed: true, optional: true, required: false
  private _secureBoot?: boolean | cdktf.IResolvable; 
  public get secureBoot() {
    return this.getBooleanAttribute('secure_boot');
  }
  public set secureBoot(value: boolean | cdktf.IResolvable) {
    this._secureBoot = value;
  }
  public resetSecureBoot() {
    this._secureBoot = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get secureBootInput() {
    return this._secureBoot;
  }

  // shutdown_delay - computed: true, optional: true, required: false
  private _shutdownDelay?: number; 
  public get shutdownDelay() {
    return this.getNumberAttribute('shutdown_delay');
  }
  public set shutdownDelay(value: number) {
    this._shutdownDelay = value;
  }
  public resetShutdownDelay() {
    this._shutdownDelay = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get shutdownDelayInput() {
    return this._shutdownDelay;
  }

  // shutdown_timeout - computed: true, optional: true, required: false
  private _shutdownTimeout?: number; 
  public get shutdownTimeout() {
    return this.getNumberAttribute('shutdown_timeout');
  }
  public set shutdownTimeout(value: number) {
    this._shutdownTimeout = value;
  }
  public resetShutdownTimeout() {
    this._shutdownTimeout = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get shutdownTimeoutInput() {
    return this._shutdownTimeout;
  }

  // start_delay - computed: true, optional: true, required: false
  private _startDelay?: number; 
  public get startDelay() {
    return this.getNumberAttribute('start_delay');
  }
  public set startDelay(value: number) {
    this._startDelay = value;
  }
  public resetStartDelay() {
    this._startDelay = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get startDelayInput() {
    return this._startDelay;
  }

  // start_order - computed: true, optional: true, required: false
  private _startOrder?: number; 
  public get startOrder() {
    return this.getNumberAttribute('start_order');
  }
  public set startOrder(value: number) {
    this._startOrder = value;
  }
  public resetStartOrder() {
    this._startOrder = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get startOrderInput() {
    return this._startOrder;
  }

  // start_time - computed: true, optional: false, required: false
  public get startTime() {
    return this.getStringAttribute('start_time');
  }

  // suspend_sr - computed: true, optional: true, required: false
  private _suspendSr?: string; 
  public get suspendSr() {
    return this.getStringAttribute('suspend_sr');
  }
  public set suspendSr(value: string) {
    this._suspendSr = value;
  }
  public resetSuspendSr() {
    this._suspendSr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get suspendSrInput() {
    return this._suspendSr;
  }

  // tags - computed: true, optional: true, required: false
  private _tags?: string[]; 
  public get tags() {
    return cdktf.Fn.tolist(this.getListAttribute('tags'));
  }
  public set tags(value: string[]) {
    this._tags = value;
  }
  public resetTags() {
    this._tags = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tagsInput() {
    return this._tags;
  }

  // template - computed: false, optional: false, required: true
  private _template?: string; 
  public get template() {
    return this.getStringAttribute('template');
  }
  public set template(value: string) {
    this._template = value;
  }
  // Temporarily expose input value. Use with caution.
  public get templateInput() {
    return this._template;
  }

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // vcpu_cap - computed: false, optional: true, required: false
  private _vcpuCap?: number; 
  public get vcpuCap() {
    return this.getNumberAttribute('vcpu_cap');
  }
  public set vcpuCap(value: number) {
    this._vcpuCap = value;
  }
  public resetVcpuCap() {
    this._vcpuCap = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vcpuCapInput() {
    return this._vcpuCap;
  }

  // vcpu_weight - computed: false, optional: true, required: false
  private _vcpuWeight?: number; 
  public get vcpuWeight() {
    return this.getNumberAttribute('vcpu_weight');
  }
  public set vcpuWeight(value: number) {
    this._vcpuWeight = value;
  }
  public resetVcpuWeight() {
    this._vcpuWeight = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vcpuWeightInput() {
    return this._vcpuWeight;
  }

  // vcpus - computed: true, optional: true, required: false
  private _vcpus?: number; 
  public get vcpus() {
    return this.getNumberAttribute('vcpus');
  }
  public set vcpus(value: number) {
    this._vcpus = value;
  }
  public resetVcpus() {
    this._vcpus = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vcpusInput() {
    return this._vcpus;
  }

  // vcpus_max - computed: true, optional: true, required: false
  private _vcpusMax?: number; 
  public get vcpusMax() {
    return this.getNumberAttribute('vcpus_max');
  }
  public set vcpusMax(value: number) {
    this._vcpusMax = value;
  }
  public resetVcpusMax() {
    this._vcpusMax = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vcpusMaxInput() {
    return this._vcpusMax;
  }

  // vga - computed: true, optional: true, required: false
  private _vga?: string; 
  public get vga() {
    return this.getStringAttribute('vga');
  }
  public set vga(value: string) {
    this._vga = value;
  }
  public resetVga() {
    this._vga = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vgaInput() {
    return this._vga;
  }

  // videoram - computed: true, optional: true, required: false
  private _videoram?: number; 
  public get videoram() {
    return this.getNumberAttribute('videoram');
  }
  public set videoram(value: number) {
    this._videoram = value;
  }
  public resetVideoram() {
    this._videoram = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get videoramInput() {
    return this._videoram;
  }

  // viridian - computed: true, optional: true, required: false
  private _viridian?: boolean | cdktf.IResolvable; 
  public get viridian() {
    return this.getBooleanAttribute('viridian');
  }
  public set viridian(value: boolean | cdktf.IResolvable) {
    this._viridian = value;
  }
  public resetViridian() {
    this._viridian = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get viridianInput() {
    return this._viridian;
  }

  // vtpm - computed: true, optional: true, required: false
  private _vtpm?: boolean | cdktf.IResolvable; 
  public get vtpm() {
    return this.getBooleanAttribute('vtpm');
  }
  public set vtpm(value: boolean | cdktf.IResolvable) {
    this._vtpm = value;
  }
  public resetVtpm() {
    this._vtpm = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get vtpmInput() {
    return this._vtpm;
  }

  // xenstore_data - computed: true, optional: true, required: false
  private _xenstoreData?: { [key: string]: string }; 
  public get xenstoreData() {
    return this.getStringMapAttribute('xenstore_data');
  }
  public set xenstoreData(value: { [key: string]: string }) {
    this._xenstoreData = value;
  }
  public resetXenstoreData() {
    this._xenstoreData = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get xenstoreDataInput() {
    return this._xenstoreData;
  }

  // cloud_init - computed: false, optional: true, required: false
  private _cloudInit = new VmCloudInitOutputReference(this, "cloud_init");
  public get cloudInit() {
    return this._cloudInit;
  }
  public putCloudInit(value: VmCloudInit) {
    this._cloudInit.internalValue = value;
  }
  public resetCloudInit() {
    this._cloudInit.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get cloudInitInput() {
    return this._cloudInit.internalValue;
  }

  // disk - computed: false, optional: true, required: false
  private _disk = new VmDiskList(this, "disk", false);
  public get disk() {
    return this._disk;
  }
  public putDisk(value: VmDisk[] | cdktf.IResolvable) {
    this._disk.internalValue = value;
  }
  public resetDisk() {
    this._disk.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get diskInput() {
    return this._disk.internalValue;
  }

  // nic - computed: false, optional: true, required: false
  private _nic = new VmNicList(this, "nic", false);
  public get nic() {
    return this._nic;
  }
  public putNic(value: VmNic[] | cdktf.IResolvable) {
    this._nic.internalValue = value;
  }
  public resetNic() {
    this._nic.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nicInput() {
    return this._nic.internalValue;
  }

  // placement - computed: false, optional: true, required: false
  private _placement = new VmPlacementOutputReference(this, "placement");
  public get placement() {
    return this._placement;
  }
  public putPlacement(value: VmPlacement) {
    this._placement.internalValue = value;
  }
  public resetPlacement() {
    this._placement.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get placementInput() {
    return this._placement.internalValue;
  }

  // timeouts - computed: false, optional: true, required: false
  private _timeouts = new VmTimeoutsOutputReference(this, "timeouts");
  public get timeouts() {
    return this._timeouts;
  }
  public putTimeouts(value: VmTimeouts) {
    this._timeouts.internalValue = value;
  }
  public resetTimeouts() {
    this._timeouts.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutsInput() {
    return this._timeouts.internalValue;
  }

  // wait_for_ip - computed: false, optional: true, required: false
  private _waitForIp = new VmWaitForIpOutputReference(this, "wait_for_ip");
  public get waitForIp() {
    return this._waitForIp;
  }
  public putWaitForIp(value: VmWaitForIp) {
    this._waitForIp.internalValue = value;
  }
  public resetWaitForIp() {
    this._waitForIp.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get waitForIpInput() {
    return this._waitForIp.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      actions_after_crash: cdktf.stringToTerraform(this._actionsAfterCrash),
      actions_after_reboot: cdktf.stringToTerraform(this._actionsAfterReboot),
      actions_after_shutdown: cdktf.stringToTerraform(this._actionsAfterShutdown),
      affinity: cdktf.stringToTerraform(this._affinity),
      allow_restart: cdktf.booleanToTerraform(this._allowRestart),
      appliance: cdktf.stringToTerraform(this._appliance),
      auto_poweron: cdktf.booleanToTerraform(this._autoPoweron),
      blocked_operations: cdktf.hashMapper(cdktf.stringToTerraform)(this._blockedOperations),
      boot_order: cdktf.stringToTerraform(this._bootOrder),
      cdrom: cdktf.stringToTerraform(this._cdrom),
      clone_type: cdktf.stringToTerraform(this._cloneType),
      cores_per_socket: cdktf.numberToTerraform(this._coresPerSocket),
      firmware: cdktf.stringToTerraform(this._firmware),
      force_shutdown: cdktf.booleanToTerraform(this._forceShutdown),
      ha_restart_priority: cdktf.stringToTerraform(this._haRestartPriority),
      has_vendor_device: cdktf.booleanToTerraform(this._hasVendorDevice),
      host: cdktf.stringToTerraform(this._host),
      hvm_shadow_multiplier: cdktf.numberToTerraform(this._hvmShadowMultiplier),
      installation_method: cdktf.stringToTerraform(this._installationMethod),
      is_template: cdktf.booleanToTerraform(this._isTemplate),
      memory: cdktf.numberToTerraform(this._memory),
      memory_dynamic_max: cdktf.numberToTerraform(this._memoryDynamicMax),
      memory_dynamic_min: cdktf.numberToTerraform(this._memoryDynamicMin),
      memory_static_min: cdktf.numberToTerraform(this._memoryStaticMin),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      nested_hvm: cdktf.booleanToTerraform(this._nestedHvm),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      pool: cdktf.stringToTerraform(this._pool),
      power_state: cdktf.stringToTerraform(this._powerState),
      secure_boot: cdktf.booleanToTerraform(this._secureBoot),
      shutdown_delay: cdktf.numberToTerraform(this._shutdownDelay),
      shutdown_timeout: cdktf.numberToTerraform(this._shutdownTimeout),
      start_delay: cdktf.numberToTerraform(this._startDelay),
      start_order: cdktf.numberToTerraform(this._startOrder),
      suspend_sr: cdktf.stringToTerraform(this._suspendSr),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
      template: cdktf.stringToTerraform(this._template),
      vcpu_cap: cdktf.numberToTerraform(this._vcpuCap),
      vcpu_weight: cdktf.numberToTerraform(this._vcpuWeight),
      vcpus: cdktf.numberToTerraform(this._vcpus),
      vcpus_max: cdktf.numberToTerraform(this._vcpusMax),
      vga: cdktf.stringToTerraform(this._vga),
      videoram: cdktf.numberToTerraform(this._videoram),
      viridian: cdktf.booleanToTerraform(this._viridian),
      vtpm: cdktf.booleanToTerraform(this._vtpm),
      xenstore_data: cdktf.hashMapper(cdktf.stringToTerraform)(this._xenstoreData),
      cloud_init: vmCloudInitToTerraform(this._cloudInit.internalValue),
      disk: cdktf.listMapper(vmDiskToTerraform, true)(this._disk.internalValue),
      nic: cdktf.listMapper(vmNicToTerraform, true)(this._nic.internalValue),
      placement: vmPlacementToTerraform(this._placement.internalValue),
      timeouts: vmTimeoutsToTerraform(this._timeouts.internalValue),
      wait_for_ip: vmWaitForIpToTerraform(this._waitForIp.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      actions_after_crash: {
        value: cdktf.stringToHclTerraform(this._actionsAfterCrash),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      actions_after_reboot: {
        value: cdktf.stringToHclTerraform(this._actionsAfterReboot),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      actions_after_shutdown: {
        value: cdktf.stringToHclTerraform(this._actionsAfterShutdown),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      affinity: {
        value: cdktf.stringToHclTerraform(this._affinity),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      allow_restart: {
        value: cdktf.booleanToHclTerraform(this._allowRestart),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      appliance: {
        value: cdktf.stringToHclTerraform(this._appliance),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      auto_poweron: {
        value: cdktf.booleanToHclTerraform(this._autoPoweron),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      blocked_operations: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._blockedOperations),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      boot_order: {
        value: cdktf.stringToHclTerraform(this._bootOrder),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      cdrom: {
        value: cdktf.stringToHclTerraform(this._cdrom),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      clone_type: {
        value: cdktf.stringToHclTerraform(this._cloneType),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      cores_per_socket: {
        value: cdktf.numberToHclTerraform(this._coresPerSocket),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      firmware: {
        value: cdktf.stringToHclTerraform(this._firmware),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      force_shutdown: {
        value: cdktf.booleanToHclTerraform(this._forceShutdown),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      ha_restart_priority: {
        value: cdktf.stringToHclTerraform(this._haRestartPriority),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      has_vendor_device: {
        value: cdktf.booleanToHclTerraform(this._hasVendorDevice),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      host: {
        value: cdktf.stringToHclTerraform(this._host),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      hvm_shadow_multiplier: {
        value: cdktf.numberToHclTerraform(this._hvmShadowMultiplier),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      installation_method: {
        value: cdktf.stringToHclTerraform(this._installationMethod),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      is_template: {
        value: cdktf.booleanToHclTerraform(this._isTemplate),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      memory: {
        value: cdktf.numberToHclTerraform(this._memory),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      memory_dynamic_max: {
        value: cdktf.numberToHclTerraform(this._memoryDynamicMax),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      memory_dynamic_min: {
        value: cdktf.numberToHclTerraform(this._memoryDynamicMin),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      memory_static_min: {
        value: cdktf.numberToHclTerraform(this._memoryStaticMin),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      name_description: {
        value: cdktf.stringToHclTerraform(this._nameDescription),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      name_label: {
        value: cdktf.stringToHclTerraform(this._nameLabel),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      nested_hvm: {
        value: cdktf.booleanToHclTerraform(this._nestedHvm),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      other_config: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._otherConfig),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      pool: {
        value: cdktf.stringToHclTerraform(this._pool),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      power_state: {
        value: cdktf.stringToHclTerraform(this._powerState),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      secure_boot: {
        value: cdktf.booleanToHclTerraform(this._secureBoot),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      shutdown_delay: {
        value: cdktf.numberToHclTerraform(this._shutdownDelay),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      shutdown_timeout: {
        value: cdktf.numberToHclTerraform(this._shutdownTimeout),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      start_delay: {
        value: cdktf.numberToHclTerraform(this._startDelay),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      start_order: {
        value: cdktf.numberToHclTerraform(this._startOrder),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      suspend_sr: {
        value: cdktf.stringToHclTerraform(this._suspendSr),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tags: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._tags),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      template: {
        value: cdktf.stringToHclTerraform(this._template),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      vcpu_cap: {
        value: cdktf.numberToHclTerraform(this._vcpuCap),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      vcpu_weight: {
        value: cdktf.numberToHclTerraform(this._vcpuWeight),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      vcpus: {
        value: cdktf.numberToHclTerraform(this._vcpus),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      vcpus_max: {
        value: cdktf.numberToHclTerraform(this._vcpusMax),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      vga: {
        value: cdktf.stringToHclTerraform(this._vga),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      videoram: {
        value: cdktf.numberToHclTerraform(this._videoram),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      viridian: {
        value: cdktf.booleanToHclTerraform(this._viridian),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      vtpm: {
        value: cdktf.booleanToHclTerraform(this._vtpm),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      xenstore_data: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._xenstoreData),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      cloud_init: {
        value: vmCloudInitToHclTerraform(this._cloudInit.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VmCloudInit",
      },
      disk: {
        value: cdktf.listMapperHcl(vmDiskToHclTerraform, true)(this._disk.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "VmDiskList",
      },
      nic: {
        value: cdktf.listMapperHcl(vmNicToHclTerraform, true)(this._nic.internalValue),
        isBlock: true,
        type: "list",
        storageClassType: "VmNicList",
      },
      placement: {
        value: vmPlacementToHclTerraform(this._placement.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VmPlacement",
      },
      timeouts: {
        value: vmTimeoutsToHclTerraform(this._timeouts.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VmTimeouts",
      },
      wait_for_ip: {
        value: vmWaitForIpToHclTerraform(this._waitForIp.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VmWaitForIp",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
