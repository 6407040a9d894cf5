// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface HostConfig extends cdktf.TerraformMetaArguments {
  /**
  * Management IP address or DNS name of the host. A different address is a different host: a change ejects the old one and joins the new one. Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#address Host#address}
  */
  readonly address: string;
  /**
  * Allow destroying this resource to eject the host from the pool (`pool.eject`, destructive). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#allow_eject Host#allow_eject}
  */
  readonly allowEject?: boolean | cdktf.IResolvable;
  /**
  * UUID or name of the SR for crash dumps.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#crash_dump_sr Host#crash_dump_sr}
  */
  readonly crashDumpSr?: string;
  /**
  * Whether new VMs may start on the host (`host.enable` / `host.disable`). Defaults to `true`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#enabled Host#enabled}
  */
  readonly enabled?: boolean | cdktf.IResolvable;
  /**
  * Host name (`host.set_hostname_live`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#hostname Host#hostname}
  */
  readonly hostname?: string;
  /**
  * iSCSI initiator IQN. XAPI refuses the change while iSCSI SRs are attached.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#iscsi_iqn Host#iscsi_iqn}
  */
  readonly iscsiIqn?: string;
  /**
  * Password for `pool.join`, on the joining host. Used only when the host joins; a later change only updates state.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#join_password Host#join_password}
  */
  readonly joinPassword?: string;
  /**
  * User for `pool.join`, on the joining host. Defaults to `"root"`. Used only when the host joins; a later change only updates state.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#join_username Host#join_username}
  */
  readonly joinUsername?: string;
  /**
  * Remote syslog settings (`host.logging`, e.g. `{ syslog_destination = "10.0.0.9" }`), applied with `host.syslog_reconfigure`. Defaults to `{}`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#logging Host#logging}
  */
  readonly logging?: { [key: string]: string };
  /**
  * Maintenance mode: disables the host and evacuates its VMs with live migration (`host.evacuate`). Fails at plan time when the other hosts lack the memory. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#maintenance Host#maintenance}
  */
  readonly maintenance?: boolean | cdktf.IResolvable;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#name_description Host#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Read from XAPI when left out.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#name_label Host#name_label}
  */
  readonly nameLabel?: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#other_config Host#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#pool Host#pool}
  */
  readonly pool?: string;
  /**
  * Remote power-on method ("" disabled, `wake-on-lan`, `iDRAC`, `DRAC`, custom script).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#power_on_mode Host#power_on_mode}
  */
  readonly powerOnMode?: string;
  /**
  * UUID or name of the SR for suspend images of VMs on this host.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#suspend_image_sr Host#suspend_image_sr}
  */
  readonly suspendImageSr?: string;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#tags Host#tags}
  */
  readonly tags?: string[];
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host xcp_host}
*/
export class Host extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_host";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Host resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Host to import
  * @param importFromId The id of the existing Host that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Host to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_host", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/host xcp_host} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options HostConfig
  */
  public constructor(scope: Construct, id: string, config: HostConfig) {
    super(scope, id, {
      terraformResourceType: 'xcp_host',
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
    this._address = config.address;
    this._allowEject = config.allowEject;
    this._crashDumpSr = config.crashDumpSr;
    this._enabled = config.enabled;
    this._hostname = config.hostname;
    this._iscsiIqn = config.iscsiIqn;
    this._joinPassword = config.joinPassword;
    this._joinUsername = config.joinUsername;
    this._logging = config.logging;
    this._maintenance = config.maintenance;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._otherConfig = config.otherConfig;
    this._pool = config.pool;
    this._powerOnMode = config.powerOnMode;
    this._suspendImageSr = config.suspendImageSr;
    this._tags = config.tags;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // address - computed: false, optional: false, required: true
  private _address?: string; 
  public get address() {
    return this.getStringAttribute('address');
  }
  public set address(value: string) {
    this._address = value;
  }
  // Temporarily expose input value. Use with caution.
  public get addressInput() {
    return this._address;
  }

  // allow_eject - computed: true, optional: true, required: false
  private _allowEject?: boolean | cdktf.IResolvable; 
  public get allowEject() {
    return this.getBooleanAttribute('allow_eject');
  }
  public set allowEject(value: boolean | cdktf.IResolvable) {
    this._allowEject = value;
  }
  public resetAllowEject() {
    this._allowEject = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get allowEjectInput() {
    return this._allowEject;
  }

  // cpu_count - computed: true, optional: false, required: false
  public get cpuCount() {
    return this.getNumberAttribute('cpu_count');
  }

  // cpu_info - computed: true, optional: false, required: false
  private _cpuInfo = new cdktf.StringMap(this, "cpu_info");
  public get cpuInfo() {
    return this._cpuInfo;
  }

  // crash_dump_sr - computed: true, optional: true, required: false
  private _crashDumpSr?: string; 
  public get crashDumpSr() {
    return this.getStringAttribute('crash_dump_sr');
  }
  public set crashDumpSr(value: string) {
    this._crashDumpSr = value;
  }
  public resetCrashDumpSr() {
    this._crashDumpSr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get crashDumpSrInput() {
    return this._crashDumpSr;
  }

  // enabled - computed: true, optional: true, required: false
  private _enabled?: boolean | cdktf.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktf.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }

  // hostname - computed: true, optional: true, required: false
  private _hostname?: string; 
  public get hostname() {
    return this.getStringAttribute('hostname');
  }
  public set hostname(value: string) {
    this._hostname = value;
  }
  public resetHostname() {
    this._hostname = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get hostnameInput() {
    return this._hostname;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // is_coordinator - computed: true, optional: false, required: false
  public get isCoordinator() {
    return this.getBooleanAttribute('is_coordinator');
  }

  // iscsi_iqn - computed: true, optional: true, required: false
  private _iscsiIqn?: string; 
  public get iscsiIqn() {
    return this.getStringAttribute('iscsi_iqn');
  }
  public set iscsiIqn(value: string) {
    this._iscsiIqn = value;
  }
  public resetIscsiIqn() {
    this._iscsiIqn = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get iscsiIqnInput() {
    return this._iscsiIqn;
  }

  // join_password - computed: false, optional: true, required: false
  private _joinPassword?: string; 
  public get joinPassword() {
    return this.getStringAttribute('join_password');
  }
  public set joinPassword(value: string) {
    this._joinPassword = value;
  }
  public resetJoinPassword() {
    this._joinPassword = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get joinPasswordInput() {
    return this._joinPassword;
  }

  // join_username - computed: true, optional: true, required: false
  private _joinUsername?: string; 
  public get joinUsername() {
    return this.getStringAttribute('join_username');
  }
  public set joinUsername(value: string) {
    this._joinUsername = value;
  }
  public resetJoinUsername() {
    this._joinUsername = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get joinUsernameInput() {
    return this._joinUsername;
  }

  // logging - computed: true, optional: true, required: false
  private _logging?: { [key: string]: string }; 
  public get logging() {
    return this.getStringMapAttribute('logging');
  }
  public set logging(value: { [key: string]: string }) {
    this._logging = value;
  }
  public resetLogging() {
    this._logging = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get loggingInput() {
    return this._logging;
  }

  // maintenance - computed: true, optional: true, required: false
  private _maintenance?: boolean | cdktf.IResolvable; 
  public get maintenance() {
    return this.getBooleanAttribute('maintenance');
  }
  public set maintenance(value: boolean | cdktf.IResolvable) {
    this._maintenance = value;
  }
  public resetMaintenance() {
    this._maintenance = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maintenanceInput() {
    return this._maintenance;
  }

  // memory_free - computed: true, optional: false, required: false
  public get memoryFree() {
    return this.getNumberAttribute('memory_free');
  }

  // memory_total - computed: true, optional: false, required: false
  public get memoryTotal() {
    return this.getNumberAttribute('memory_total');
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

  // pifs - computed: true, optional: false, required: false
  public get pifs() {
    return this.getListAttribute('pifs');
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

  // power_on_mode - computed: true, optional: true, required: false
  private _powerOnMode?: string; 
  public get powerOnMode() {
    return this.getStringAttribute('power_on_mode');
  }
  public set powerOnMode(value: string) {
    this._powerOnMode = value;
  }
  public resetPowerOnMode() {
    this._powerOnMode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get powerOnModeInput() {
    return this._powerOnMode;
  }

  // resident_vms - computed: true, optional: false, required: false
  public get residentVms() {
    return this.getListAttribute('resident_vms');
  }

  // software_version - computed: true, optional: false, required: false
  private _softwareVersion = new cdktf.StringMap(this, "software_version");
  public get softwareVersion() {
    return this._softwareVersion;
  }

  // suspend_image_sr - computed: true, optional: true, required: false
  private _suspendImageSr?: string; 
  public get suspendImageSr() {
    return this.getStringAttribute('suspend_image_sr');
  }
  public set suspendImageSr(value: string) {
    this._suspendImageSr = value;
  }
  public resetSuspendImageSr() {
    this._suspendImageSr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get suspendImageSrInput() {
    return this._suspendImageSr;
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

  // uuid - computed: true, optional: false, required: false
  public get uuid() {
    return this.getStringAttribute('uuid');
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      address: cdktf.stringToTerraform(this._address),
      allow_eject: cdktf.booleanToTerraform(this._allowEject),
      crash_dump_sr: cdktf.stringToTerraform(this._crashDumpSr),
      enabled: cdktf.booleanToTerraform(this._enabled),
      hostname: cdktf.stringToTerraform(this._hostname),
      iscsi_iqn: cdktf.stringToTerraform(this._iscsiIqn),
      join_password: cdktf.stringToTerraform(this._joinPassword),
      join_username: cdktf.stringToTerraform(this._joinUsername),
      logging: cdktf.hashMapper(cdktf.stringToTerraform)(this._logging),
      maintenance: cdktf.booleanToTerraform(this._maintenance),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      pool: cdktf.stringToTerraform(this._pool),
      power_on_mode: cdktf.stringToTerraform(this._powerOnMode),
      suspend_image_sr: cdktf.stringToTerraform(this._suspendImageSr),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      address: {
        value: cdktf.stringToHclTerraform(this._address),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      allow_eject: {
        value: cdktf.booleanToHclTerraform(this._allowEject),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      crash_dump_sr: {
        value: cdktf.stringToHclTerraform(this._crashDumpSr),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      enabled: {
        value: cdktf.booleanToHclTerraform(this._enabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      hostname: {
        value: cdktf.stringToHclTerraform(this._hostname),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      iscsi_iqn: {
        value: cdktf.stringToHclTerraform(this._iscsiIqn),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      join_password: {
        value: cdktf.stringToHclTerraform(this._joinPassword),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      join_username: {
        value: cdktf.stringToHclTerraform(this._joinUsername),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      logging: {
        value: cdktf.hashMapperHcl(cdktf.stringToHclTerraform)(this._logging),
        isBlock: false,
        type: "map",
        storageClassType: "stringMap",
      },
      maintenance: {
        value: cdktf.booleanToHclTerraform(this._maintenance),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
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
      power_on_mode: {
        value: cdktf.stringToHclTerraform(this._powerOnMode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      suspend_image_sr: {
        value: cdktf.stringToHclTerraform(this._suspendImageSr),
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
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
