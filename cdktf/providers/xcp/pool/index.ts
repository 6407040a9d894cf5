// https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface PoolConfig extends cdktf.TerraformMetaArguments {
  /**
  * UUID or name of the SR for crash dumps.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#crash_dump_sr Pool#crash_dump_sr}
  */
  readonly crashDumpSr?: string;
  /**
  * UUID or name of the default SR for new disks (`pool.set_default_SR`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#default_sr Pool#default_sr}
  */
  readonly defaultSr?: string;
  /**
  * Enable high availability (`pool.enable_ha` / `disable_ha`; a long task). Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#ha_enabled Pool#ha_enabled}
  */
  readonly haEnabled?: boolean | cdktf.IResolvable;
  /**
  * Shared SRs for the HA heartbeat. Changing them disables and re-enables HA, leaving a short gap in protection. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#ha_heartbeat_srs Pool#ha_heartbeat_srs}
  */
  readonly haHeartbeatSrs?: string[];
  /**
  * Host failures HA plans for. Must be a whole number between 0 and 64.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#ha_host_failures_to_tolerate Pool#ha_host_failures_to_tolerate}
  */
  readonly haHostFailuresToTolerate?: number;
  /**
  * Disable live patching of the hypervisor. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#live_patching_disabled Pool#live_patching_disabled}
  */
  readonly livePatchingDisabled?: boolean | cdktf.IResolvable;
  /**
  * Name or UUID of the coordinator host. A change runs `pool.designate_new_master`; the management plane blips while it moves.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#master Pool#master}
  */
  readonly master?: string;
  /**
  * Compress memory during live migration. Defaults to `false`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#migration_compression Pool#migration_compression}
  */
  readonly migrationCompression?: boolean | cdktf.IResolvable;
  /**
  * A free-text description (XAPI `name_description`). Defaults to `""`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#name_description Pool#name_description}
  */
  readonly nameDescription?: string;
  /**
  * The name of the object (XAPI `name_label`). Read from XAPI when left out.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#name_label Pool#name_label}
  */
  readonly nameLabel?: string;
  /**
  * User keys of XAPI `other_config`. xcpform manages only the keys listed here and never removes keys set by other tools; keys starting with `xcpform:` are reserved. Defaults to `{}`. Keys that other tools set are preserved.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#other_config Pool#other_config}
  */
  readonly otherConfig?: { [key: string]: string };
  /**
  * Name of the pool this object lives in: a key of the provider's `pools`. Defaults to the provider's `default_pool` (or its first pool). Must be a pool name made of letters, digits, "_" and "-". Changing it forces replacement.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#pool Pool#pool}
  */
  readonly pool?: string;
  /**
  * UUID or name of the SR for suspend images.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#suspend_image_sr Pool#suspend_image_sr}
  */
  readonly suspendImageSr?: string;
  /**
  * Tags, as shown in XenCenter and Xen Orchestra; also the key of `xcpform usage` reports. Defaults to `[]`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#tags Pool#tags}
  */
  readonly tags?: string[];
}

/**
* Represents a {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool xcp_pool}
*/
export class Pool extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "xcp_pool";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a Pool resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the Pool to import
  * @param importFromId The id of the existing Pool that should be imported. Refer to the {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the Pool to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "xcp_pool", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/xcpform/xcp/latest/docs/resources/pool xcp_pool} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options PoolConfig = {}
  */
  public constructor(scope: Construct, id: string, config: PoolConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'xcp_pool',
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
    this._crashDumpSr = config.crashDumpSr;
    this._defaultSr = config.defaultSr;
    this._haEnabled = config.haEnabled;
    this._haHeartbeatSrs = config.haHeartbeatSrs;
    this._haHostFailuresToTolerate = config.haHostFailuresToTolerate;
    this._livePatchingDisabled = config.livePatchingDisabled;
    this._master = config.master;
    this._migrationCompression = config.migrationCompression;
    this._nameDescription = config.nameDescription;
    this._nameLabel = config.nameLabel;
    this._otherConfig = config.otherConfig;
    this._pool = config.pool;
    this._suspendImageSr = config.suspendImageSr;
    this._tags = config.tags;
  }

  // ==========
  // ATTRIBUTES
  // ==========

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

  // default_sr - computed: true, optional: true, required: false
  private _defaultSr?: string; 
  public get defaultSr() {
    return this.getStringAttribute('default_sr');
  }
  public set defaultSr(value: string) {
    this._defaultSr = value;
  }
  public resetDefaultSr() {
    this._defaultSr = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get defaultSrInput() {
    return this._defaultSr;
  }

  // ha_enabled - computed: true, optional: true, required: false
  private _haEnabled?: boolean | cdktf.IResolvable; 
  public get haEnabled() {
    return this.getBooleanAttribute('ha_enabled');
  }
  public set haEnabled(value: boolean | cdktf.IResolvable) {
    this._haEnabled = value;
  }
  public resetHaEnabled() {
    this._haEnabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get haEnabledInput() {
    return this._haEnabled;
  }

  // ha_heartbeat_srs - computed: true, optional: true, required: false
  private _haHeartbeatSrs?: string[]; 
  public get haHeartbeatSrs() {
    return cdktf.Fn.tolist(this.getListAttribute('ha_heartbeat_srs'));
  }
  public set haHeartbeatSrs(value: string[]) {
    this._haHeartbeatSrs = value;
  }
  public resetHaHeartbeatSrs() {
    this._haHeartbeatSrs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get haHeartbeatSrsInput() {
    return this._haHeartbeatSrs;
  }

  // ha_host_failures_to_tolerate - computed: true, optional: true, required: false
  private _haHostFailuresToTolerate?: number; 
  public get haHostFailuresToTolerate() {
    return this.getNumberAttribute('ha_host_failures_to_tolerate');
  }
  public set haHostFailuresToTolerate(value: number) {
    this._haHostFailuresToTolerate = value;
  }
  public resetHaHostFailuresToTolerate() {
    this._haHostFailuresToTolerate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get haHostFailuresToTolerateInput() {
    return this._haHostFailuresToTolerate;
  }

  // ha_state - computed: true, optional: false, required: false
  public get haState() {
    return this.getStringAttribute('ha_state');
  }

  // hosts - computed: true, optional: false, required: false
  public get hosts() {
    return this.getListAttribute('hosts');
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // live_patching_disabled - computed: true, optional: true, required: false
  private _livePatchingDisabled?: boolean | cdktf.IResolvable; 
  public get livePatchingDisabled() {
    return this.getBooleanAttribute('live_patching_disabled');
  }
  public set livePatchingDisabled(value: boolean | cdktf.IResolvable) {
    this._livePatchingDisabled = value;
  }
  public resetLivePatchingDisabled() {
    this._livePatchingDisabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get livePatchingDisabledInput() {
    return this._livePatchingDisabled;
  }

  // master - computed: true, optional: true, required: false
  private _master?: string; 
  public get master() {
    return this.getStringAttribute('master');
  }
  public set master(value: string) {
    this._master = value;
  }
  public resetMaster() {
    this._master = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get masterInput() {
    return this._master;
  }

  // master_uuid - computed: true, optional: false, required: false
  public get masterUuid() {
    return this.getStringAttribute('master_uuid');
  }

  // migration_compression - computed: true, optional: true, required: false
  private _migrationCompression?: boolean | cdktf.IResolvable; 
  public get migrationCompression() {
    return this.getBooleanAttribute('migration_compression');
  }
  public set migrationCompression(value: boolean | cdktf.IResolvable) {
    this._migrationCompression = value;
  }
  public resetMigrationCompression() {
    this._migrationCompression = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get migrationCompressionInput() {
    return this._migrationCompression;
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

  // restrictions - computed: true, optional: false, required: false
  private _restrictions = new cdktf.StringMap(this, "restrictions");
  public get restrictions() {
    return this._restrictions;
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
      crash_dump_sr: cdktf.stringToTerraform(this._crashDumpSr),
      default_sr: cdktf.stringToTerraform(this._defaultSr),
      ha_enabled: cdktf.booleanToTerraform(this._haEnabled),
      ha_heartbeat_srs: cdktf.listMapper(cdktf.stringToTerraform, false)(this._haHeartbeatSrs),
      ha_host_failures_to_tolerate: cdktf.numberToTerraform(this._haHostFailuresToTolerate),
      live_patching_disabled: cdktf.booleanToTerraform(this._livePatchingDisabled),
      master: cdktf.stringToTerraform(this._master),
      migration_compression: cdktf.booleanToTerraform(this._migrationCompression),
      name_description: cdktf.stringToTerraform(this._nameDescription),
      name_label: cdktf.stringToTerraform(this._nameLabel),
      other_config: cdktf.hashMapper(cdktf.stringToTerraform)(this._otherConfig),
      pool: cdktf.stringToTerraform(this._pool),
      suspend_image_sr: cdktf.stringToTerraform(this._suspendImageSr),
      tags: cdktf.listMapper(cdktf.stringToTerraform, false)(this._tags),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      crash_dump_sr: {
        value: cdktf.stringToHclTerraform(this._crashDumpSr),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      default_sr: {
        value: cdktf.stringToHclTerraform(this._defaultSr),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ha_enabled: {
        value: cdktf.booleanToHclTerraform(this._haEnabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      ha_heartbeat_srs: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._haHeartbeatSrs),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      ha_host_failures_to_tolerate: {
        value: cdktf.numberToHclTerraform(this._haHostFailuresToTolerate),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      live_patching_disabled: {
        value: cdktf.booleanToHclTerraform(this._livePatchingDisabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      master: {
        value: cdktf.stringToHclTerraform(this._master),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      migration_compression: {
        value: cdktf.booleanToHclTerraform(this._migrationCompression),
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
